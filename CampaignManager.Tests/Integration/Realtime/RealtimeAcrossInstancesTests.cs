using System.Diagnostics;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Demo;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Settlements;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Integration.Realtime;

/// <summary>
/// End to end across two app instances: a command committed on the first reaches a room
/// subscription on the second through the app's own publisher, Redis and router.
/// </summary>
[Collection(RedisCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class RealtimeAcrossInstancesTests(TwoAppInstances apps, RedisServerFixture redis) : IClassFixture<TwoAppInstances>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // A test that stopped the shared server must not leave it down for the next one.
    public async ValueTask DisposeAsync() => await redis.StartAsync();

    [Fact]
    public async Task WhenASettlementIsRenamedThreeTimesOnOneInstance_ThenTheOtherInstancesSubscriberGetsEachEventOnceInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await apps.WaitUntilLiveAsync(Bound, ct);
        var (campaignId, settlementId, before) = await DemoSettlementAsync(ct);
        var received = new MessageCollector();
        var router = apps.Second.Services.GetRequiredService<RoomRouter>();
        await using var subscription = await router.SubscribeAsync(campaignId, Visibility.GameMasters,
            [RoomNames.Campaign(campaignId)], received.Add, ct);

        for (var i = 1; i <= 3; i++)
        {
            await RenameAsync(settlementId, $"Rivergate {i} {Guid.NewGuid():N}", ct);
        }

        await received.WaitForCountAsync(3, Bound, ct);
        // Long enough for a duplicate from the other path (the relay, a second copy on Redis) to show.
        await Task.Delay(1500, ct);

        // In order, as long as every publish went through; the log says which did not (a CI run once saw the third event before the first two).
        Assert.True(received.Sequences.SequenceEqual([before + 1, before + 2, before + 3]),
            $"Received {string.Join(", ", received.Sequences.Select(s => s - before))} (after {before}).{Environment.NewLine}{apps.RealtimeLog}");
        Assert.All(received.Messages, m =>
        {
            Assert.Equal(CampaignEventNames.SettlementUpdated, m.Envelope.Type);
            Assert.Equal(Visibility.GameMasters, m.Audience);
            Assert.Contains(RoomNames.Settlement(settlementId), m.Envelope.Rooms);
        });
    }

    [Fact]
    public async Task WhenRedisIsDownDuringACommand_ThenTheCommandSucceeds_AndTheEventReachesTheOtherInstanceOnceRedisIsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await apps.WaitUntilLiveAsync(Bound, ct);
        var (campaignId, settlementId, before) = await DemoSettlementAsync(ct);
        var second = apps.Second.Services;
        var status = second.GetRequiredService<RealtimeStatus>();
        var live = new MessageCollector();
        var caughtUp = new MessageCollector();
        // What a session does: live events from the router, and a catch-up from the event log when
        // live updates resume (events published while this instance was not yet subscribed again).
        status.LiveChanged += isLive =>
        {
            if (isLive)
            {
                _ = CatchUpAsync(second, campaignId, before, caughtUp);
            }
        };
        await using var subscription = await second.GetRequiredService<RoomRouter>().SubscribeAsync(campaignId, Visibility.GameMasters,
            [RoomNames.Campaign(campaignId)], live.Add, ct);
        var firstStatus = apps.First.Services.GetRequiredService<RealtimeStatus>();
        var local = new MessageCollector();
        await using var localSubscription = await apps.First.Services.GetRequiredService<RoomRouter>().SubscribeAsync(campaignId,
            Visibility.GameMasters, [RoomNames.Campaign(campaignId)], local.Add, ct);

        await redis.StopAsync(ct);
        await Poll.UntilAsync(() => !firstStatus.IsLive && !status.IsLive, Bound, "both instances see Redis down", ct);
        var clock = Stopwatch.StartNew();
        await RenameAsync(settlementId, $"Rivergate dark {Guid.NewGuid():N}", ct);
        var commandTook = clock.Elapsed;

        Assert.True(commandTook < TimeSpan.FromSeconds(5), $"The command took {commandTook.TotalSeconds:0.0} s with Redis down.");
        Assert.Null(await PublishedAtAsync(campaignId, before + 1, ct));
        Assert.Empty(live.Messages);
        // The committing instance's own subscribers are not left waiting for Redis.
        Assert.Equal([before + 1], local.Sequences);

        await redis.StartAsync(ct);

        await Poll.UntilAsync(async () => await PublishedAtAsync(campaignId, before + 1, ct) is not null, Bound,
            "the relay published the event", ct);
        await Poll.UntilAsync(() => Seen(live, caughtUp).Contains(before + 1), Bound, "the second instance has the event", ct);
        Assert.Equal([before + 1], Seen(live, caughtUp));
        Assert.True(status.IsLive);
    }

    private static List<long> Seen(MessageCollector live, MessageCollector caughtUp) =>
        [.. live.Sequences.Concat(caughtUp.Sequences).Distinct().Order()];

    private static async Task CatchUpAsync(IServiceProvider services, Guid campaignId, long after, MessageCollector into)
    {
        await using var scope = services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<EventLogService>().ReadAsync(Actor.System, campaignId, after);
        foreach (var row in page.Events)
        {
            await into.Add(CampaignEventMessage.From(row));
        }
    }

    private async Task<(Guid CampaignId, Guid SettlementId, long GameMasterSequence)> DemoSettlementAsync(CancellationToken ct)
    {
        await using var db = await apps.First.Services.GetRequiredService<IDbContextFactory<CampaignDbContext>>().CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Name == DemoCampaign.Name)
            .Select(c => new { c.Id, c.EventSequence }).SingleAsync(ct);
        var settlementId = await db.Settlements.AsNoTracking()
            .Where(s => db.Kingdoms.Any(k => k.Id == s.KingdomId && k.CampaignId == campaign.Id))
            .OrderBy(s => s.Name).Select(s => s.Id).FirstAsync(ct);
        return (campaign.Id, settlementId, campaign.EventSequence);
    }

    private async Task RenameAsync(Guid settlementId, string name, CancellationToken ct)
    {
        await using var scope = apps.First.Services.CreateAsyncScope();
        var settlements = scope.ServiceProvider.GetRequiredService<SettlementService>();
        await settlements.UpdateAsync(Actor.System, settlementId, new SettlementUpdate(Name: name), ct: ct);
    }

    private async Task<DateTimeOffset?> PublishedAtAsync(Guid campaignId, long sequence, CancellationToken ct)
    {
        await using var db = await apps.First.Services.GetRequiredService<IDbContextFactory<CampaignDbContext>>().CreateDbContextAsync(ct);
        return await db.Events.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.Audience == Visibility.GameMasters && e.Sequence == sequence)
            .Select(e => e.PublishedAt).SingleAsync(ct);
    }
}
