using System.Net;
using System.Text.Json;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Tests.Integration.Realtime;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task WhenAMemberIsRemovedOnOneInstance_ThenTheirConnectionsOnTheOtherLeaveTheCampaignAtOnce_AndAreToldSo()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await apps.First.DemoIdsAsync(ct);
        const string removed = "idris@example.com";
        await using var campaignListener = await apps.Second.HubClientAsync(removed, ct);
        await using var settlementListener = await apps.Second.HubClientAsync(removed, ct);
        await using var stays = await apps.Second.HubClientAsync(ApiClients.Player, ct);
        Assert.True((await campaignListener.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
        // Only a settlement room: the removal still reaches it.
        Assert.True((await settlementListener.InvokeAsync("subscribe_settlement", [ids.Tallowford.ToString()], ct)).Success);
        Assert.True((await stays.InvokeAsync("subscribe_settlement", [ids.Tallowford.ToString()], ct)).Success);

        await using (var scope = apps.First.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MemberService>()
                .RemoveAsync(await apps.First.ActorAsync(ApiClients.Gm), ids.CampaignId, await apps.First.UserIdAsync(removed), ct);
        }

        foreach (var client in new[] { campaignListener, settlementListener })
        {
            await Poll.UntilAsync(() => Ended(client).Any(), Bound, "the removed member was told", ct);
            var notice = Assert.Single(Ended(client));
            Assert.Equal(HubCloseReasons.RemovedFromCampaign, notice.GetProperty("reason").GetString());
            Assert.Equal(ids.CampaignId, notice.GetProperty("campaignId").GetGuid());
            Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        }

        using var gm = await apps.First.BearerClientAsync(ApiClients.Gm, ct);
        var name = $"Tallowford {Guid.NewGuid():N}"[..20];
        using var response = await gm.PatchSettlementAsync(ids.Tallowford, new { name }, null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Poll.UntilAsync(() => Named(stays, name).Any(), Bound, "the member who stays got the change", ct);
        Assert.Empty(Named(campaignListener, name));
        Assert.Empty(Named(settlementListener, name));
    }

    [Fact]
    public async Task WhenAPlayerIsPromotedAndDemoted_ThenTheirConnectionNeverStaysOnTheWrongStream()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await apps.First.DemoIdsAsync(ct);
        const string email = "tamsin@example.com";
        var owner = await apps.First.ActorAsync(ApiClients.Gm);
        var userId = await apps.First.UserIdAsync(email);
        using var gm = await apps.First.BearerClientAsync(ApiClients.Gm, ct);
        await using var client = await apps.Second.HubClientAsync(email, ct);
        Assert.True((await client.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);

        await ChangeRoleAsync(owner, ids.CampaignId, userId, CampaignRole.GameMaster, ct);
        await Poll.UntilAsync(() => Ended(client).Count() == 1, Bound, "promotion ended the players' stream", ct);
        Assert.Equal(HubCloseReasons.RoleChanged, Ended(client).Single().GetProperty("reason").GetString());
        Assert.True((await client.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
        await PatchAsync(gm, ids.Greywater, ct);
        await Poll.UntilAsync(() => client.Of("settlement_updated").Any(e => SettlementOf(e) == ids.Greywater), Bound,
            "as game master, the GM-only settlement's change arrives", ct);

        await ChangeRoleAsync(owner, ids.CampaignId, userId, CampaignRole.Player, ct);
        await Poll.UntilAsync(() => Ended(client).Count() == 2, Bound, "demotion ended the game masters' stream", ct);
        var greywaterEvents = client.Of("settlement_updated").Count(e => SettlementOf(e) == ids.Greywater);
        Assert.True((await client.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
        await PatchAsync(gm, ids.Greywater, ct);
        var marker = await PatchAsync(gm, ids.Tallowford, ct, rename: true);

        await Poll.UntilAsync(() => Named(client, marker).Any(), Bound, "the visible change after the hidden one arrived", ct);
        Assert.Equal(greywaterEvents, client.Of("settlement_updated").Count(e => SettlementOf(e) == ids.Greywater));
    }

    private async Task ChangeRoleAsync(Actor owner, Guid campaignId, string userId, CampaignRole role, CancellationToken ct)
    {
        await using var scope = apps.First.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MemberService>().ChangeRoleAsync(owner, campaignId, userId, role, ct);
    }

    /// <summary>Renames Tallowford (other tests find it by its name's start) or changes another settlement's population.</summary>
    private static async Task<string> PatchAsync(HttpClient gm, Guid settlementId, CancellationToken ct, bool rename = false)
    {
        var name = $"Tallowford {Guid.NewGuid():N}"[..20];
        if (!rename)
        {
            await gm.ChangePopulationAsync(settlementId, ct);
            return name;
        }

        using var response = await gm.PatchSettlementAsync(settlementId, new { name }, null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return name;
    }

    private static IEnumerable<JsonElement> Ended(HubClient client) =>
        client.Notices.Where(n => n.Method == HubClientMethods.SubscriptionEnded).Select(n => n.Body);

    private static Guid SettlementOf(JsonElement e) => e.GetProperty("payload").GetProperty("settlementId").GetGuid();

    private static IEnumerable<JsonElement> Named(HubClient client, string name) =>
        client.Of("settlement_updated").Where(e => e.GetProperty("payload").GetProperty("settlement") is { ValueKind: JsonValueKind.Object } s
            && s.GetProperty("name").GetString() == name);
}
