using System.Net;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Persistence;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Integration.Api;

/// <summary><c>/hubs/campaign</c> on one host: who may subscribe to what, recovery from the log, and the players' stream.</summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class CampaignHubTests(CampaignHubTests.Host host) : IClassFixture<CampaignHubTests.Host>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public sealed class Host : AppHost
    {
        // The subscribe budget is tested on its own (HubLimitsTests); here it must not get in the way.
        public Host() => Settings = ApiClients.Settings(("Hub:SubscribeBurst", "1000"), ("Hub:SubscribesPerSecond", "1000"));
    }

    [Fact]
    public async Task SubscribeMatrix_PlayersAndOutsidersGetNotFoundForWhatTheyMayNotSee()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        await using var gm = await host.HubClientAsync(ApiClients.Gm, ct);
        await using var player = await host.HubClientAsync(ApiClients.Player, ct);
        await using var outsider = await host.HubClientAsync(ApiClients.Outsider, ct);

        var campaign = ids.CampaignId.ToString();
        Assert.True((await gm.InvokeAsync("subscribe_campaign", [campaign, null], ct)).Success);
        Assert.True((await gm.InvokeAsync("subscribe_settlement", [ids.Greywater.ToString()], ct)).Success);
        Assert.True((await gm.InvokeAsync("subscribe_structure", [ids.GreywaterInn.ToString()], ct)).Success);
        var playerCampaign = await player.InvokeAsync("subscribe_campaign", [campaign, null], ct);
        Assert.True(playerCampaign.Success);
        Assert.NotNull(playerCampaign.Sequence);
        Assert.True((await player.InvokeAsync("subscribe_settlement", [ids.Tallowford.ToString()], ct)).Success);
        Assert.Equal(new SubscribeResult(false, CampaignHub.NotFound), await player.InvokeAsync("subscribe_settlement", [ids.Greywater.ToString()], ct));
        Assert.Equal(new SubscribeResult(false, CampaignHub.NotFound), await player.InvokeAsync("subscribe_structure", [ids.GreywaterInn.ToString()], ct));
        Assert.Equal(new SubscribeResult(false, CampaignHub.NotFound), await outsider.InvokeAsync("subscribe_campaign", [campaign, null], ct));
        Assert.Equal(new SubscribeResult(false, CampaignHub.NotFound), await outsider.InvokeAsync("subscribe_settlement", [ids.Tallowford.ToString()], ct));
        Assert.Equal(new SubscribeResult(false, CampaignHub.NotFound), await gm.InvokeAsync("subscribe_campaign", [Guid.NewGuid().ToString(), null], ct));

        // Malformed input is an error result, and the connection lives on.
        var malformed = await player.InvokeAsync("subscribe_settlement", ["not-a-guid"], ct);
        Assert.False(malformed.Success);
        Assert.Contains("not a valid id", malformed.Error, StringComparison.Ordinal);
        Assert.False((await player.InvokeAsync("subscribe_campaign", [campaign, -5L], ct)).Success);
        Assert.Equal(HubConnectionState.Connected, player.Connection.State);
        Assert.True((await player.InvokeAsync("unsubscribe_settlement", [ids.Tallowford.ToString()], ct)).Success);
        Assert.True((await player.InvokeAsync("unsubscribe_campaign", [campaign], ct)).Success);
    }

    [Fact]
    public async Task WhenAMessageIsLargerThan32KB_ThenTheServerClosesTheConnection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var client = await host.HubClientAsync(ApiClients.Player, ct);
        var closed = new TaskCompletionSource();
        client.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await Assert.ThrowsAnyAsync<Exception>(() => client.InvokeAsync("subscribe_settlement", [new string('x', 40 * 1024)], ct));

        await closed.Task.WaitAsync(Bound, ct);
        Assert.Equal(HubConnectionState.Disconnected, client.Connection.State);
    }

    [Fact]
    public async Task WhenTheHubIsOpenedWithoutAToken_ThenItIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var anonymous = new HubConnectionBuilder().WithUrl(host.BaseAddress + "/hubs/campaign").Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync(ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task WhenAPlayerListens_ThenGameMasterOnlyChangesNeverArrive_ButVisibleOnesDoOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        await using var player = await host.HubClientAsync(ApiClients.Player, ct);
        // Campaign and settlement room together: an event naming both still arrives once.
        Assert.True((await player.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
        Assert.True((await player.InvokeAsync("subscribe_settlement", [ids.Tallowford.ToString()], ct)).Success);
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);

        await gm.ChangePopulationAsync(ids.Greywater, ct);
        await gm.ChangePopulationAsync(ids.Tallowford, ct);

        await Poll.UntilAsync(() => player.Of("settlement_updated").Count >= 1, Bound, "the visible change arrived", ct);
        await Task.Delay(500, ct);
        var received = player.Of("settlement_updated");
        Assert.Single(received);
        Assert.Equal(ids.Tallowford, received[0].GetProperty("payload").GetProperty("settlementId").GetGuid());
        Assert.Equal("api", received[0].GetProperty("metadata").GetProperty("source").GetString());
        Assert.DoesNotContain(player.Events, e => e.ToString().Contains("Greywater", StringComparison.Ordinal)
            || e.ToString().Contains(ids.Greywater.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WhenAClientReconnectsWithTheLastSequenceItSaw_ThenExactlyTheMissedEventsArriveInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        long lastSeen;
        await using (var first = await host.HubClientAsync(ApiClients.Player, ct))
        {
            lastSeen = (await first.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Sequence!.Value;
        }

        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);
        var names = Enumerable.Range(1, 5).Select(i => $"Tallowford {i}{Guid.NewGuid():N}"[..20]).ToList();
        foreach (var name in names)
        {
            using var response = await gm.PatchSettlementAsync(ids.Tallowford, new { name }, null, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var again = await host.HubClientAsync(ApiClients.Player, ct);
        var result = await again.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), lastSeen], ct);

        Assert.True(result.Success);
        Assert.True(result.Recovered);
        Assert.Equal(lastSeen + 5, result.Sequence);
        await Poll.UntilAsync(() => again.Events.Count >= 5, Bound, "five missed events", ct);
        await Task.Delay(500, ct);
        var events = again.Events.ToList();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => lastSeen + i), events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(events, e => Assert.Equal("settlement_updated", e.GetProperty("type").GetString()));
        Assert.Equal(names, events.Select(e => e.GetProperty("payload").GetProperty("settlement").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task WhenTheLogNoLongerHoldsTheGap_ThenRecoveredIsFalse()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);
        await using var client = await host.HubClientAsync(ApiClients.Gm, ct);
        var lastSeen = (await client.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Sequence!.Value;
        await client.InvokeAsync("unsubscribe_campaign", [ids.CampaignId.ToString()], ct);
        // Two events: the test once set fixed values, and when another test had left one of them in place, that PATCH raised none.
        await gm.ChangePopulationAsync(ids.Greywater, ct);
        await gm.ChangePopulationAsync(ids.Greywater, ct);

        // Retention: the oldest of the missed events is gone.
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CampaignDbContext>>().CreateDbContextAsync(ct))
        {
            await db.Events.Where(e => e.CampaignId == ids.CampaignId && e.Sequence <= lastSeen + 1).ExecuteDeleteAsync(ct);
        }

        var result = await client.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), lastSeen], ct);

        Assert.True(result.Success);
        Assert.False(result.Recovered);
        Assert.True(result.Sequence >= lastSeen + 2);
        await Task.Delay(300, ct);
        Assert.Empty(client.Events);
    }

    [Fact]
    public async Task WhenAConnectionAsksForMoreThan50Rooms_ThenThe51stIsRefused_UntilItLeavesOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var gm = await host.ActorAsync(ApiClients.Gm);
        var campaigns = new List<Guid>();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<CampaignService>();
            for (var i = 0; i < CampaignHubConnection.MaxRooms + 1; i++)
            {
                campaigns.Add(await service.CreateAsync(gm, $"Room limit {i}", ct: ct));
            }
        }

        await using var client = await host.HubClientAsync(ApiClients.Gm, ct);
        foreach (var id in campaigns.Take(CampaignHubConnection.MaxRooms))
        {
            var result = await client.InvokeAsync("subscribe_campaign", [id.ToString(), null], ct);
            Assert.True(result.Success, result.Error);
        }

        var refused = await client.InvokeAsync("subscribe_campaign", [campaigns[^1].ToString(), null], ct);
        Assert.False(refused.Success);
        Assert.Contains("at most 50 rooms", refused.Error, StringComparison.Ordinal);
        Assert.True((await client.InvokeAsync("unsubscribe_campaign", [campaigns[0].ToString()], ct)).Success);
        Assert.True((await client.InvokeAsync("subscribe_campaign", [campaigns[^1].ToString(), null], ct)).Success);
    }

    [Fact]
    public async Task WhenInputIsMalformed_ThenEachCallGetsAnError_TheConnectionCarriesOn_AndAnotherClientIsServed()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        await using var client = await host.HubClientAsync(ApiClients.Player, ct);
        var campaign = ids.CampaignId.ToString();

        // Unknown method, wrong argument type, wrong argument count: SignalR answers with an error, nothing more.
        await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("drop_database", [campaign], ct));
        await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("subscribe_settlement", [42], ct));
        await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("subscribe_structure", [campaign, campaign, campaign], ct));
        Assert.False((await client.InvokeAsync("subscribe_settlement", [null], ct)).Success);
        Assert.False((await client.InvokeAsync("subscribe_structure", [new string('9', 5000)], ct)).Success);
        Assert.False((await client.InvokeAsync("unsubscribe_campaign", ["campaign:" + campaign], ct)).Success);
        Assert.Equal(new SubscribeResult(false, CampaignHub.NotFound), await client.InvokeAsync("subscribe_structure", [Guid.NewGuid().ToString()], ct));
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        Assert.True((await client.InvokeAsync("subscribe_campaign", [campaign, null], ct)).Success);

        await using var second = await host.HubClientAsync(ApiClients.Gm, ct);
        Assert.True((await second.InvokeAsync("subscribe_campaign", [campaign, null], ct)).Success);
    }

    [Fact]
    public async Task WhenTheOversizedMessageClosedOneConnection_ThenTheServerStillServesTheNext()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        await using var first = await host.HubClientAsync(ApiClients.Player, ct);
        await Assert.ThrowsAnyAsync<Exception>(() => first.InvokeAsync("subscribe_campaign", [new string('x', 64 * 1024), null], ct));
        await first.Closed.Task.WaitAsync(Bound, ct);

        await using var next = await host.HubClientAsync(ApiClients.Player, ct);
        Assert.True((await next.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
    }

    [Fact]
    public async Task WhenFromSequenceIsForged_ThenNothingLeaks()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        using var gmApi = await host.BearerClientAsync(ApiClients.Gm, ct);
        // Something in the game masters' stream, so it runs ahead of the players'.
        await gmApi.ChangePopulationAsync(ids.Greywater, ct);

        await using var gm = await host.HubClientAsync(ApiClients.Gm, ct);
        var gmSequence = (await gm.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Sequence!.Value;
        await using var player = await host.HubClientAsync(ApiClients.Player, ct);
        var campaign = ids.CampaignId.ToString();

        var beyond = await player.InvokeAsync("subscribe_campaign", [campaign, long.MaxValue], ct);
        var theGameMastersSequence = await player.InvokeAsync("subscribe_campaign", [campaign, gmSequence + 1000], ct);
        var negative = await player.InvokeAsync("subscribe_campaign", [campaign, -1L], ct);
        var otherCampaign = await player.InvokeAsync("subscribe_campaign", [Guid.NewGuid().ToString(), 0L], ct);

        Assert.True(beyond.Success);
        Assert.False(beyond.Recovered);
        Assert.True(beyond.Sequence < gmSequence, "a player's result carries the players' own sequence");
        Assert.False(theGameMastersSequence.Recovered);
        Assert.False(negative.Success);
        Assert.Equal(new SubscribeResult(false, CampaignHub.NotFound), otherCampaign);
        // A visible change afterwards arrives; nothing from before, nothing GM-only.
        var name = $"Tallowford {Guid.NewGuid():N}"[..20];
        using (var visible = await gmApi.PatchSettlementAsync(ids.Tallowford, new { name }, null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
        }

        await Poll.UntilAsync(() => player.Events.Count >= 1, Bound, "the visible change", ct);
        var received = Assert.Single(player.Events, e => e.GetProperty("type").GetString() == "settlement_updated");
        Assert.Equal(name, received.GetProperty("payload").GetProperty("settlement").GetProperty("name").GetString());
        Assert.DoesNotContain(player.Events, e => e.ToString().Contains(ids.Greywater.ToString(), StringComparison.OrdinalIgnoreCase));
    }
}
