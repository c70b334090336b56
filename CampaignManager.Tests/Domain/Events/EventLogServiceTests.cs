using System.Data.Common;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Settlements;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CampaignManager.Tests.Domain.Events;

/// <summary>
/// Reading the event log to catch up (ARCHITECTURE.md §2, §4): each audience has its own stream
/// without holes; a reader gets its own stream after a sequence, in order, and is told when the log
/// no longer holds all of it (then it must reload); outsiders learn nothing.
/// </summary>
[Trait("Category", "Unit")]
public sealed class EventLogServiceTests : IAsyncLifetime
{
    private DomainFixture? _domain;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DomainFixture Domain => _domain ?? throw new InvalidOperationException("InitializeAsync has not run.");

    private EventLogService Log => LogOver(Domain, Domain.DbFactory);

    public static TheoryData<string, Visibility> Readers => new()
    {
        { nameof(DemoActors.GameMaster), Visibility.GameMasters },
        { nameof(DemoActors.GameMasterNotOwner), Visibility.GameMasters },
        { nameof(DemoActors.Admin), Visibility.GameMasters },
        { nameof(DemoActors.Player), Visibility.Everyone },
        { nameof(DemoActors.Observer), Visibility.Everyone },
    };

    public static TheoryData<string> PlayersAndObservers => [nameof(DemoActors.Player), nameof(DemoActors.Observer)];

    public static TheoryData<long> AtOrBeyondTheEnd => [0, 1, 1000];

    public static TheoryData<string, string> Retention => new()
    {
        { nameof(DemoActors.GameMaster), "oldest" },
        { nameof(DemoActors.GameMaster), "all" },
        { nameof(DemoActors.Player), "oldest" },
        { nameof(DemoActors.Player), "all" },
    };

    public async ValueTask InitializeAsync() => _domain = await DomainFixture.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_domain is not null)
        {
            await _domain.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task WhenReadingAfterASequence_ThenTheActorsOwnStreamFollowsInOrderAndComplete(string actorName, Visibility audience)
    {
        await CommitThreeRenamesAsync();
        var current = await CurrentAsync(audience);
        Assert.True(current >= 2, $"The renames left only {current} events in the {audience} stream.");

        var page = await Log.ReadAsync(DemoActors.ByName(actorName), Domain.CampaignId, afterSequence: 1, Ct);

        Assert.True(page.Complete);
        Assert.Equal(current, page.CurrentSequence);
        Assert.Equal(Range(2, current), page.Events.Select(e => e.Sequence));
        Assert.All(page.Events, row =>
        {
            Assert.Equal(audience, row.Audience);
            Assert.Equal(Domain.CampaignId, row.CampaignId);
            var envelope = CampaignEventEnvelope.FromJson(row.Envelope);
            Assert.Equal(row.Sequence, envelope.Sequence);
            Assert.Equal(row.Id, envelope.Id);
            Assert.Contains(RoomNames.Campaign(Domain.CampaignId), envelope.Rooms);
        });
    }

    [Theory]
    [MemberData(nameof(PlayersAndObservers))]
    public async Task WhenAPlayerOrObserverReadsTheLog_ThenNoGameMasterOnlyEventIsInIt(string actorName)
    {
        await CommitThreeRenamesAsync();

        var page = await Log.ReadAsync(DemoActors.ByName(actorName), Domain.CampaignId, afterSequence: 0, Ct);
        var gameMasters = await Log.ReadAsync(DemoActors.GameMaster, Domain.CampaignId, afterSequence: 0, Ct);

        // The game masters' stream has the Greywater rename; everyone else's has no trace of it, and no hole either.
        Assert.Contains(gameMasters.Events, e => e.Envelope.Contains("Greywater Haven", StringComparison.Ordinal));
        Assert.True(page.Complete);
        Assert.Equal(Range(1, page.CurrentSequence), page.Events.Select(e => e.Sequence));
        Assert.True(page.CurrentSequence < gameMasters.CurrentSequence);
        Assert.All(page.Events, row =>
        {
            Assert.Equal(Visibility.Everyone, row.Audience);
            Assert.Equal(Visibility.Everyone, CampaignEventEnvelope.FromJson(row.Envelope).Visibility);
            Assert.DoesNotContain("Greywater", row.Envelope, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Domain.GreywaterLandingId.ToString(), row.Envelope, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Domain.InnId.ToString(), row.Envelope, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [MemberData(nameof(AtOrBeyondTheEnd))]
    public async Task WhenReadingFromTheCurrentSequenceOrLater_ThenThePageIsEmptyAndComplete(long beyond)
    {
        await CommitThreeRenamesAsync();
        var current = await CurrentAsync(Visibility.Everyone);

        var page = await Log.ReadAsync(DemoActors.Player, Domain.CampaignId, current + beyond, Ct);

        Assert.Empty(page.Events);
        Assert.True(page.Complete);
        Assert.Equal(current, page.CurrentSequence);
    }

    [Fact]
    public async Task WhenNothingHappenedYet_ThenReadingFromZeroIsEmptyAndComplete()
    {
        var page = await Log.ReadAsync(DemoActors.Player, Domain.CampaignId, afterSequence: 0, Ct);

        Assert.Empty(page.Events);
        Assert.True(page.Complete);
        Assert.Equal(0, page.CurrentSequence);
    }

    [Theory]
    [MemberData(nameof(Retention))]
    public async Task WhenRetentionDeletedEventsAReaderMissed_ThenThePageIsIncomplete(string actorName, string deleted)
    {
        var actor = DemoActors.ByName(actorName);
        await CommitThreeRenamesAsync();
        var audience = actorName == nameof(DemoActors.GameMaster) ? Visibility.GameMasters : Visibility.Everyone;
        var current = await CurrentAsync(audience);
        var removed = await DeleteFromLogAsync(audience, 1, deleted == "oldest" ? 1 : current);
        Assert.Equal(deleted == "oldest" ? 1 : current, removed);

        var fromStart = await Log.ReadAsync(actor, Domain.CampaignId, afterSequence: 0, Ct);

        Assert.False(fromStart.Complete);
        Assert.Equal(current, fromStart.CurrentSequence);
        if (deleted == "oldest")
        {
            // Whoever already has event 1 can still catch up.
            var fromOne = await Log.ReadAsync(actor, Domain.CampaignId, afterSequence: 1, Ct);
            Assert.True(fromOne.Complete);
            Assert.Equal(Range(2, current), fromOne.Events.Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task WhenTheGapIsLongerThanOnePage_ThenThePageHoldsTheFirstMaxPageEventsAndIsIncomplete()
    {
        const int count = EventLogService.MaxPage + 20;
        await using (var db = await Domain.DbFactory.CreateDbContextAsync(Ct))
        {
            db.Events.AddRange(Enumerable.Range(1, count).Select(s => RealtimeTestMessages.Row(Domain.CampaignId, s)));
            await db.SaveChangesAsync(Ct);
            await db.Campaigns.Where(c => c.Id == Domain.CampaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.EventSequence, count), Ct);
        }

        var page = await Log.ReadAsync(DemoActors.GameMaster, Domain.CampaignId, afterSequence: 0, Ct);

        Assert.False(page.Complete);
        Assert.Equal(count, page.CurrentSequence);
        Assert.Equal(Range(1, EventLogService.MaxPage), page.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task WhenAnOutsiderReadsTheLog_ThenTheCampaignIsNotFound()
    {
        await CommitThreeRenamesAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => Log.ReadAsync(DemoActors.Outsider, Domain.CampaignId, 0, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => Log.RecentAsync(DemoActors.Outsider, Domain.CampaignId, 10, Ct));
    }

    [Fact]
    public async Task WhenTheCampaignDoesNotExist_ThenReadingItsLogIsNotFound()
    {
        var unknown = Guid.CreateVersion7();

        await Assert.ThrowsAsync<NotFoundException>(() => Log.ReadAsync(DemoActors.Admin, unknown, 0, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => Log.RecentAsync(DemoActors.Admin, unknown, 10, Ct));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task WhenAskingForRecentEvents_ThenTheLastOnesOfTheActorsStreamComeOldestFirst(string actorName, Visibility audience)
    {
        await CommitThreeRenamesAsync();
        var current = await CurrentAsync(audience);
        var actor = DemoActors.ByName(actorName);

        var lastTwo = await Log.RecentAsync(actor, Domain.CampaignId, 2, Ct);
        var all = await Log.RecentAsync(actor, Domain.CampaignId, 50, Ct);

        Assert.Equal([current - 1, current], lastTwo.Select(e => e.Sequence));
        Assert.Equal(Range(1, current), all.Select(e => e.Sequence));
        Assert.All(all, e => Assert.Equal(audience, e.Audience));
        if (audience == Visibility.Everyone)
        {
            Assert.DoesNotContain(all, e => e.Envelope.Contains("Greywater", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// ReadAsync reads the stream's current sequence, then the events after the reader's: a command
    /// that commits in between must not make a log that holds every event look incomplete (which
    /// would send the reader into a needless reload).
    /// </summary>
    [Fact]
    public async Task WhenAnEventCommitsWhileTheLogIsRead_ThenThePageIsStillComplete()
    {
        await using var domain = await DomainFixture.CreateAsync(parallelWriters: true);
        await domain.Settlements.UpdateAsync(DemoActors.GameMaster, domain.BrindleholdId, new SettlementUpdate(Name: "Brindlehold Keep"), ct: Ct);
        string connectionString;
        await using (var db = await domain.DbFactory.CreateDbContextAsync(Ct))
        {
            connectionString = db.Database.GetConnectionString()!;
        }

        var commitInBetween = new BeforeEventsQuery(() => domain.Settlements.UpdateAsync(
            DemoActors.GameMaster, domain.TallowfordId, new SettlementUpdate(Name: "Tallowmere"), ct: Ct));
        var options = new DbContextOptionsBuilder<SqliteCampaignDbContext>().UseSqlite(connectionString).AddInterceptors(commitInBetween).Options;
        var log = LogOver(domain, new SqliteCampaignDbContextFactory(options));

        var page = await log.ReadAsync(DemoActors.GameMaster, domain.CampaignId, afterSequence: 0, Ct);

        Assert.True(commitInBetween.Fired, "The interceptor never saw the events query.");
        Assert.True(page.Complete, $"Incomplete page: current {page.CurrentSequence}, events [{string.Join(", ", page.Events.Select(e => e.Sequence))}].");
        Assert.Equal(Range(1, page.CurrentSequence), page.Events.Select(e => e.Sequence));
    }

    private static EventLogService LogOver(DomainFixture domain, IDbContextFactory<CampaignDbContext> factory) =>
        new(new DomainServiceContext(factory, domain.Derived, [domain.Observer], domain.Time));

    private static IEnumerable<long> Range(long first, long last) =>
        Enumerable.Range(0, (int)Math.Max(0, last - first + 1)).Select(i => first + i);

    /// <summary>Renames Brindlehold (everyone), Greywater Landing (game masters only) and Tallowford (everyone).</summary>
    private async Task CommitThreeRenamesAsync()
    {
        var gm = DemoActors.GameMaster;
        await Domain.Settlements.UpdateAsync(gm, Domain.BrindleholdId, new SettlementUpdate(Name: "Brindlehold Keep"), ct: Ct);
        await Domain.Settlements.UpdateAsync(gm, Domain.GreywaterLandingId, new SettlementUpdate(Name: "Greywater Haven"), ct: Ct);
        await Domain.Settlements.UpdateAsync(gm, Domain.TallowfordId, new SettlementUpdate(Name: "Tallowmere"), ct: Ct);
    }

    private async Task<long> CurrentAsync(Visibility audience)
    {
        var campaign = await Domain.CampaignRowAsync();
        return audience == Visibility.GameMasters ? campaign.EventSequence : campaign.PlayerEventSequence;
    }

    private async Task<int> DeleteFromLogAsync(Visibility audience, long fromSequence, long toSequence)
    {
        await using var db = await Domain.DbFactory.CreateDbContextAsync(Ct);
        return await db.Events
            .Where(e => e.CampaignId == Domain.CampaignId && e.Audience == audience && e.Sequence >= fromSequence && e.Sequence <= toSequence)
            .ExecuteDeleteAsync(Ct);
    }

    /// <summary>Runs a command once, just before the first query of the event log table executes.</summary>
    private sealed class BeforeEventsQuery(Func<Task> action) : DbCommandInterceptor
    {
        private int _fired;

        public bool Fired => Volatile.Read(ref _fired) == 1;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Events\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                await action();
            }

            return result;
        }
    }
}
