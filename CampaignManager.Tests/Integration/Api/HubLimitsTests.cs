using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>Per-connection limits and server-side closing: the subscribe token bucket and <see cref="CampaignHubConnections.CloseConnectionsOfUser"/>.</summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class HubLimitsTests(HubLimitsTests.Host host) : IClassFixture<HubLimitsTests.Host>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>A bucket of five calls that refills one call every twenty seconds.</summary>
    public sealed class Host : AppHost
    {
        public Host() => Settings = ApiClients.Settings(("Hub:SubscribeBurst", "5"), ("Hub:SubscribesPerSecond", "0.05"));
    }

    [Fact]
    public async Task WhenAConnectionSubscribesTooFast_ThenItGetsAClearError_AndAnotherConnectionIsNotAffected()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        await using var eager = await host.HubClientAsync(ApiClients.Player, ct);
        await using var other = await host.HubClientAsync(ApiClients.Player, ct);

        var results = new List<SubscribeResult>();
        for (var i = 0; i < 8; i++)
        {
            results.Add(await eager.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct));
        }

        Assert.Contains(results, r => r.Success);
        Assert.Contains(results, r => r is { Success: false, Error: CampaignHub.TooManyCalls });
        Assert.Equal(HubConnectionState.Connected, eager.Connection.State);
        Assert.True((await other.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
    }

    [Fact]
    public async Task WhenTheUsersConnectionsAreClosed_ThenTheyCloseWithAReason_AndOtherUsersStay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var signedOut = await host.HubClientAsync("spectator@example.com", ct);
        await using var stays = await host.HubClientAsync(ApiClients.Gm, ct);
        var connections = host.Services.GetRequiredService<CampaignHubConnections>();

        var closed = connections.CloseConnectionsOfUser(await host.UserIdAsync("spectator@example.com"), HubCloseReasons.SignedOut);

        Assert.Equal(1, closed);
        await signedOut.Closed.Task.WaitAsync(Bound, ct);
        Assert.Equal(HubConnectionState.Disconnected, signedOut.Connection.State);
        Assert.Equal(HubConnectionState.Connected, stays.Connection.State);
    }
}
