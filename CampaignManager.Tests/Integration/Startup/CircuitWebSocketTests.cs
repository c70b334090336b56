using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Startup;

namespace CampaignManager.Tests.Integration.Startup;

/// <summary>
/// The circuits' WebSockets are not compressed unless <c>Circuits:WebSocketCompression</c> says so (a deflate
/// context per open tab costs the server about 1 MB), and the pages keep refusing other sites' frames either way.
/// A real Kestrel socket and a client that offers <c>permessage-deflate</c>, as browsers do.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public sealed class CircuitWebSocketTests
{
    [Fact]
    public async Task WhenNothingIsConfigured_ThenACircuitSocketOfferedDeflateIsAcceptedUncompressed()
    {
        await using var host = AppHost.StartNew();

        var extensions = await OpenCircuitSocketAsync(host);

        Assert.DoesNotContain("permessage-deflate", extensions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenCompressionIsConfigured_ThenACircuitSocketOfferedDeflateIsCompressed()
    {
        await using var host = AppHost.StartNew(new Dictionary<string, string?> { [CircuitWebSockets.CompressionKey] = "true" });

        var extensions = await OpenCircuitSocketAsync(host);

        Assert.Contains("permessage-deflate", extensions, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenTheSettingIsNotABoolean_ThenTheAppRefusesToStartAndNamesTheKey()
    {
        var settings = new Dictionary<string, string?> { [CircuitWebSockets.CompressionKey] = "sometimes" };

        var error = Assert.ThrowsAny<Exception>(() => AppHost.StartNew(settings).Dispose());

        Assert.Contains($"{CircuitWebSockets.CompressionKey} must be true or false", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    public async Task WhateverTheCompression_ThenPagesMayOnlyBeFramedByTheAppItself(string? compression)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = AppHost.StartNew(new Dictionary<string, string?> { [CircuitWebSockets.CompressionKey] = compression });
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync("/Account/Login", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    /// <summary>Negotiates a connection on <c>/_blazor</c>, opens its WebSocket offering deflate, returns the extensions the server accepted.</summary>
    private static async Task<string> OpenCircuitSocketAsync(AppHost host)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = host.CreateHttpClient();
        using var negotiated = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", content: null, ct);
        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        using var body = JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync(ct));
        var token = body.RootElement.GetProperty("connectionToken").GetString();

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        var uri = new Uri(host.BaseUri, $"_blazor?id={Uri.EscapeDataString(token!)}");
        await socket.ConnectAsync(new UriBuilder(uri) { Scheme = "ws" }.Uri, ct);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        var extensions = socket.HttpResponseHeaders?.TryGetValue("Sec-WebSocket-Extensions", out var values) == true
            ? string.Join(",", values)
            : "";
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", ct);
        return extensions;
    }
}
