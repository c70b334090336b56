using CampaignManager.Tests.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>A hub connection lives only as long as its access token (twelve seconds here).</summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class HubTokenExpiryTests(HubTokenExpiryTests.Host host) : IClassFixture<HubTokenExpiryTests.Host>
{
    public sealed class Host : AppHost
    {
        public Host() => Settings = ApiClients.Settings(("Jwt:AccessTokenMinutes", "0.2"));
    }

    [Fact]
    public async Task WhenTheAccessTokenExpires_ThenTheServerClosesTheConnection_AndAFreshTokenConnectsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        await using var client = await host.HubClientAsync(ApiClients.Player, ct);
        var subscribed = await client.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct);

        await client.Closed.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.True(subscribed.Success, subscribed.Error);
        Assert.Equal(HubConnectionState.Disconnected, client.Connection.State);
        await using var again = await host.HubClientAsync(ApiClients.Player, ct);
        var result = await again.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), subscribed.Sequence], ct);
        Assert.True(result.Success, result.Error);
    }
}
