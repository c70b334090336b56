namespace CampaignManager.Web.Startup;

/// <summary>
/// How the circuits' WebSockets are accepted. Blazor compresses them by default, with a deflate context
/// kept for the connection's whole life: about 0.8 MB of native memory per open tab on the server,
/// measured with 50 tabs on the campaign page (docs/benchmarks.md, "Evening: what an open tab costs the
/// server"), about as much as the circuit's whole managed state, and paid again for every idle tab. Off by default; <see cref="CompressionKey"/>
/// turns it back on where bandwidth costs more than memory. Either way Blazor keeps sending
/// <c>Content-Security-Policy: frame-ancestors 'self'</c>, which a compressed socket needs against
/// cross-origin framing and which keeps the app out of other sites' frames anyway.
/// </summary>
public static class CircuitWebSockets
{
    public const string CompressionKey = "Circuits:WebSocketCompression";

    /// <summary>Interactive server rendering with the circuits' WebSocket compression from configuration.</summary>
    public static RazorComponentsEndpointConventionBuilder AddCampaignInteractiveServer(
        this RazorComponentsEndpointConventionBuilder builder, IConfiguration configuration)
    {
        var compress = ReadCompression(configuration[CompressionKey]);
        return builder.AddInteractiveServerRenderMode(options =>
            // A callback (rather than DisableWebSocketCompression) keeps Blazor's frame-ancestors policy on the
            // page responses, which it drops when compression is merely disabled.
            options.ConfigureWebSocketAcceptContext = (_, context) =>
            {
                context.DangerousEnableCompression = compress;
                return Task.CompletedTask;
            });
    }

    private static bool ReadCompression(string? value) =>
        string.IsNullOrWhiteSpace(value) ? false
        : bool.TryParse(value, out var compress) ? compress
        : throw new InvalidOperationException($"{CompressionKey} must be true or false; it is '{value}'.");
}
