using System.Net;
using CampaignManager.Tests.Integration.Realtime;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>Two app instances on one database and the collection's Redis: REST on one, the hub on the other.</summary>
[Collection(RedisCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class ApiAcrossInstancesTests(TwoAppInstances apps) : IClassFixture<TwoAppInstances>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WhenASettlementIsPatchedOnOneInstance_ThenAHubClientOnTheOtherGetsItOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await apps.First.DemoIdsAsync(ct);
        await using var listener = await apps.Second.HubClientAsync(ApiClients.Gm, ct);
        // Overlapping rooms (campaign + settlement): still one delivery.
        Assert.True((await listener.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
        Assert.True((await listener.InvokeAsync("subscribe_settlement", [ids.Tallowford.ToString()], ct)).Success);
        using var gm = await apps.First.BearerClientAsync(ApiClients.Gm, ct);
        var name = $"Tallowford {Guid.NewGuid():N}"[..20];

        using var response = await gm.PatchSettlementAsync(ids.Tallowford, new { name }, null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await Poll.UntilAsync(() => listener.Of("settlement_updated").Count >= 1, Bound, "the event reached the other instance", ct);
        // Long enough for a duplicate (the relay's copy, the second room) to show.
        await Task.Delay(1500, ct);
        var received = Assert.Single(listener.Of("settlement_updated"));
        Assert.Equal(name, received.GetProperty("payload").GetProperty("settlement").GetProperty("name").GetString());
        Assert.Equal("api", received.GetProperty("metadata").GetProperty("source").GetString());
    }
}
