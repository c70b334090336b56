using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CampaignManager.Benchmarks.Servers;

/// <summary>
/// The baseline: a bare SignalR hub on SignalR's own Redis backplane with no application logic. Clients
/// call <c>subscribe_campaign(id)</c> (joins the group <c>campaign:{id}</c>); <c>POST /publish?campaign=&amp;bytes=</c>
/// on any instance broadcasts one <c>settlement_updated</c> message with a counter as its <c>sequence</c> and a
/// payload padded to about <c>bytes</c> (the size of the app's event envelope) to that group on every instance.
/// </summary>
internal sealed class BareHubServer : IAsyncDisposable
{
    public const string HubPath = "/hubs/bare";

    private readonly WebApplication _app;

    private BareHubServer(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    public int Connections => BareHub.Connections;

    public static async Task<BareHubServer> StartAsync(string redis, TextWriter output)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR().AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("baseline"));
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<BareHub>(HubPath);
        long sequence = 0;
        app.MapPost("/publish", async (HttpContext http, IHubContext<BareHub> hub) =>
        {
            var campaign = http.Request.Query["campaign"].ToString();
            var bytes = int.TryParse(http.Request.Query["bytes"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : 600;
            var next = Interlocked.Increment(ref sequence);
            var payload = Payload(next, campaign, bytes);
            var at = Stopwatch.GetTimestamp();
            await hub.Clients.Group(BareHub.Group(campaign)).SendAsync("settlement_updated", payload, http.RequestAborted);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"COMMIT Everyone {next} {at} {bytes}"));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return new BareHubServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>An object shaped like an envelope: the counter as <c>sequence</c> and filler up to <paramref name="bytes"/>.</summary>
    private static JsonElement Payload(long sequence, string campaign, int bytes)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"settlement_updated\",\"campaignId\":\"{campaign}\",\"sequence\":{sequence},\"payload\":\"");
        var filler = Math.Max(0, bytes - head.Length - 2);
        var json = new StringBuilder(head).Append('x', filler).Append("\"}").ToString();
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>No application logic: a group per campaign id, nothing checked.</summary>
    internal sealed class BareHub : Microsoft.AspNetCore.SignalR.Hub
    {
        private static int _connections;

        public static int Connections => Volatile.Read(ref _connections);

        public static string Group(string campaign) => "campaign:" + campaign;

        public override Task OnConnectedAsync()
        {
            Interlocked.Increment(ref _connections);
            return Task.CompletedTask;
        }

        public override Task OnDisconnectedAsync(Exception? exception)
        {
            Interlocked.Decrement(ref _connections);
            return Task.CompletedTask;
        }

        [HubMethodName("subscribe_campaign")]
        public async Task<object> SubscribeCampaign(string campaignId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Group(campaignId));
            return new { success = true };
        }
    }
}
