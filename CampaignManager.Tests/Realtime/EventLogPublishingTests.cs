using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampaignManager.Tests.Realtime;

/// <summary>The outbox around the notifier: the publisher after a commit, and the relay behind it.</summary>
[Trait(TestCategories.Trait, TestCategories.Unit)]
public class EventLogPublishingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 5, 0, 0, TimeSpan.Zero);

    private readonly FakeCampaignNotifier _notifier = new();
    private readonly ManualTimeProvider _time = new(Start);
    private readonly Guid _campaign = Guid.CreateVersion7();
    private EventLogDatabase? _database;
    private PublishedEventMarker? _markerInstance;

    private EventLogDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public async ValueTask InitializeAsync() => _database = await EventLogDatabase.CreateAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_markerInstance is not null)
        {
            await _markerInstance.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task WhenACommandCommits_ThenItsEventsArePublishedInSequenceOrderPerAudience_AndMarkedPublished()
    {
        var ct = TestContext.Current.CancellationToken;
        // As a command writes them: the game masters' stream, then everyone's; shuffled to prove the order is the publisher's.
        CampaignEvent[] rows =
        [
            Row(12, Visibility.GameMasters), Row(5, Visibility.Everyone), Row(11, Visibility.GameMasters), Row(6, Visibility.Everyone),
        ];
        await Database.AddAsync(rows, ct);

        await Publisher().OnCommittedAsync(Committed(rows), ct);

        Assert.Equal([(Visibility.Everyone, 5L), (Visibility.Everyone, 6L), (Visibility.GameMasters, 11L), (Visibility.GameMasters, 12L)],
            _notifier.Published.Select(m => (m.Audience, m.Sequence)));
        // Marked in the background a moment later, with no flush asked for.
        await Poll.UntilAsync(async () => (await Database.AllAsync(ct)).All(r => r.PublishedAt == Start), TimeSpan.FromSeconds(10),
            "the published events marked", ct);
    }

    [Fact]
    public async Task WhenSeveralCommandsCommitTogether_ThenTheCallerDoesNotWaitForTheMark_AndOneFlushMarksThemAll()
    {
        var ct = TestContext.Current.CancellationToken;
        CampaignEvent[] first = [Row(1, Visibility.GameMasters), Row(1, Visibility.Everyone)];
        CampaignEvent[] second = [Row(2, Visibility.GameMasters), Row(2, Visibility.Everyone)];
        await Database.AddAsync([.. first, .. second], ct);
        // Its batching delay never ends by itself here, so only the flush below can write.
        await using var marker = new PublishedEventMarker(Database.Factory, new HeldTimers(Start), NullLogger<PublishedEventMarker>.Instance);
        var publisher = new CampaignEventPublisher(_notifier, marker, TestMetrics.For(_notifier), Database.Factory, RelayOptions(),
            NullLogger<CampaignEventPublisher>.Instance);

        await publisher.OnCommittedAsync(Committed(first), ct);
        await publisher.OnCommittedAsync(Committed(second), ct);

        // The commands returned before any mark was written…
        Assert.Equal(4, _notifier.Published.Count);
        Assert.All(await Database.AllAsync(ct), r => Assert.Null(r.PublishedAt));
        await marker.FlushAsync(ct);
        // …and one flush writes them all.
        Assert.All(await Database.AllAsync(ct), r => Assert.Equal(Start, r.PublishedAt));
    }

    [Fact]
    public async Task WhenTheNotifierIsDown_ThenTheCommandsCallerSeesNoError_AndTheEventsStayUnpublished()
    {
        var ct = TestContext.Current.CancellationToken;
        CampaignEvent[] rows = [Row(1, Visibility.GameMasters), Row(2, Visibility.GameMasters)];
        await Database.AddAsync(rows, ct);
        _notifier.FailAfter = 1;

        await Publisher().OnCommittedAsync(Committed(rows), ct);
        await Marker.FlushAsync(ct);

        var stored = await Database.AllAsync(ct);
        Assert.Equal(Start, stored[0].PublishedAt);
        Assert.Null(stored[1].PublishedAt);
    }

    [Fact]
    public async Task WhenTheRelayRuns_ThenItPublishesOnlyUnpublishedEventsOlderThanTheInterval_InOrder_AndMarksThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = Guid.CreateVersion7();
        var old = Start.AddSeconds(-10);
        await Database.AddAsync(
        [
            Row(3, Visibility.GameMasters, old), Row(2, Visibility.GameMasters, old), Row(1, Visibility.Everyone, old, other),
            Row(1, Visibility.GameMasters, old, publishedAt: old), Row(4, Visibility.GameMasters, Start.AddMilliseconds(-500)),
        ], ct);
        var relay = Relay();

        _notifier.Unavailable = true;
        Assert.Equal(0, await relay.RepublishAsync(ct));

        _notifier.Unavailable = false;
        Assert.Equal(3, await relay.RepublishAsync(ct));

        var expected = new[] { (_campaign, Visibility.GameMasters, 2L), (_campaign, Visibility.GameMasters, 3L), (other, Visibility.Everyone, 1L) }
            .OrderBy(e => e.Item1).ToList();
        Assert.Equal(expected, _notifier.Published.Select(m => (m.CampaignId, m.Audience, m.Sequence)));
        var young = (await Database.AllAsync(ct)).Single(r => r.Sequence == 4);
        Assert.Null(young.PublishedAt); // its command may still be publishing it
        Assert.Equal(0, await relay.RepublishAsync(ct)); // nothing twice
    }

    [Fact]
    public async Task WhenTheNotifierTurnsLiveAgain_ThenTheRelayPublishesWhatWasLeft_AtOnceAndInOrder_WithoutWaitingForItsTimer()
    {
        var ct = TestContext.Current.CancellationToken;
        // Committed a moment ago, while the broker was down: younger than the interval, so a timer round would skip them.
        CampaignEvent[] rows = [Row(2, Visibility.GameMasters), Row(1, Visibility.GameMasters), Row(1, Visibility.Everyone)];
        await Database.AddAsync(rows, ct);
        _notifier.Unavailable = true;
        using var relay = Relay(time: new HeldTimers(Start)); // its timer never fires
        await relay.StartAsync(ct);

        _notifier.Unavailable = false;

        await Poll.UntilAsync(() => _notifier.Published.Count == 3, TimeSpan.FromSeconds(10), "the relay published the three events", ct);
        Assert.Equal([(Visibility.Everyone, 1L), (Visibility.GameMasters, 1L), (Visibility.GameMasters, 2L)],
            _notifier.Published.Select(m => (m.Audience, m.Sequence)));
        await Poll.UntilAsync(async () => (await Database.AllAsync(ct)).All(r => r.PublishedAt == Start), TimeSpan.FromSeconds(10),
            "the relayed events marked", ct);
        await relay.StopAsync(ct);
    }

    [Fact]
    public async Task WhenTheHostStopsTheRelayAfterDisposingIt_ThenNothingThrows()
    {
        var ct = TestContext.Current.CancellationToken;
        var relay = Relay(time: new HeldTimers(Start));
        await relay.StartAsync(ct);

        // The order WebApplicationFactory's DisposeAsync used once in CI: the services disposed, then the host stopped.
        relay.Dispose();
        await relay.StopAsync(ct);
        _notifier.Unavailable = true;
        _notifier.Unavailable = false; // a live turn after the stop starts no round

        Assert.Empty(_notifier.Published);
    }

    [Fact]
    public async Task WhenTheFirstCommandAfterAnOutageCommits_ThenTheEventsTheOutageLeftGoOutBeforeIts_InOrder_WithoutTheRelay()
    {
        var ct = TestContext.Current.CancellationToken;
        var publisher = Publisher(); // no relay here: only the publisher can publish the backlog
        _notifier.Unavailable = true;
        CampaignEvent[] first = [Row(1, Visibility.GameMasters), Row(1, Visibility.Everyone)];
        CampaignEvent[] second = [Row(2, Visibility.GameMasters)];
        await Database.AddAsync([.. first, .. second], ct);
        await publisher.OnCommittedAsync(Committed(first), ct);
        await publisher.OnCommittedAsync(Committed(second), ct);
        Assert.Empty(_notifier.Published);

        _notifier.Unavailable = false;
        CampaignEvent[] third = [Row(3, Visibility.GameMasters)];
        await Database.AddAsync(third, ct);
        await publisher.OnCommittedAsync(Committed(third), ct);

        // The backlog first, each stream in order, and the new event once, last in its stream.
        Assert.Equal([(Visibility.Everyone, 1L), (Visibility.GameMasters, 1L), (Visibility.GameMasters, 2L), (Visibility.GameMasters, 3L)],
            _notifier.Published.Select(m => (m.Audience, m.Sequence)));
        Assert.All(await Database.AllAsync(ct), r => Assert.Equal(Start, r.PublishedAt)); // marked at once, no flush

        // Caught up: the next command publishes only its own.
        CampaignEvent[] fourth = [Row(4, Visibility.GameMasters)];
        await Database.AddAsync(fourth, ct);
        await publisher.OnCommittedAsync(Committed(fourth), ct);
        Assert.Equal(5, _notifier.Published.Count);
        Assert.Equal(4L, _notifier.Published[^1].Sequence);
    }

    [Fact]
    public async Task WhenEventsAreOlderThanTheRetention_ThenTheRelayDeletesThem_AndKeepsTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        var retention = TimeSpan.FromDays(7);
        var rows = Enumerable.Range(1, 7)
            .Select(i => Row(i, Visibility.GameMasters, Start - retention - TimeSpan.FromHours(8 - i), publishedAt: Start))
            .Append(Row(8, Visibility.GameMasters, Start - retention + TimeSpan.FromMinutes(1), publishedAt: Start))
            .Append(Row(1, Visibility.Everyone, Start, publishedAt: Start))
            .ToList();
        await Database.AddAsync(rows, ct);

        // A batch of three: the loop must go round until the stream's old events are gone.
        var deleted = await Relay(batchSize: 3).DeleteExpiredAsync(ct);

        Assert.Equal(7, deleted);
        Assert.Equal([(Visibility.Everyone, 1L), (Visibility.GameMasters, 8L)],
            (await Database.AllAsync(ct)).Select(r => (r.Audience, r.Sequence)));
    }

    private CampaignEvent Row(long sequence, Visibility audience, DateTimeOffset? timestamp = null, Guid? campaign = null, DateTimeOffset? publishedAt = null)
    {
        var template = RealtimeTestMessages.Row(campaign ?? _campaign, sequence, audience);
        return new CampaignEvent
        {
            Id = template.Id,
            CampaignId = template.CampaignId,
            Audience = audience,
            Sequence = sequence,
            Type = template.Type,
            Timestamp = timestamp ?? Start,
            Envelope = template.Envelope,
            PublishedAt = publishedAt,
        };
    }

    private CommittedChanges Committed(IReadOnlyList<CampaignEvent> rows) =>
        new(_campaign, rows.Where(r => r.Audience == Visibility.GameMasters).Max(r => r.Sequence), Actor.System, [], [], rows);

    private PublishedEventMarker Marker => _markerInstance ??= new(Database.Factory, _time, NullLogger<PublishedEventMarker>.Instance);

    private static IOptions<EventLogRelayOptions> RelayOptions(int batchSize = 500) =>
        Options.Create(new EventLogRelayOptions { RelayIntervalSeconds = 2, EventRetentionDays = 7, BatchSize = batchSize });

    private CampaignEventPublisher Publisher(int batchSize = 500) =>
        new(_notifier, Marker, TestMetrics.For(_notifier), Database.Factory, RelayOptions(batchSize), NullLogger<CampaignEventPublisher>.Instance);

    private EventLogRelay Relay(int batchSize = 500, TimeProvider? time = null) =>
        new(_notifier, Publisher(batchSize), Database.Factory, RelayOptions(batchSize), time ?? _time, NullLogger<EventLogRelay>.Instance);

    /// <summary>A clock whose timers never fire.</summary>
    private sealed class HeldTimers(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFires();

        private sealed class NeverFires : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
