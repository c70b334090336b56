using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// The events left in the log unpublished (the notifier was down): published in (campaign, audience, sequence)
/// order by one round at a time, whether the relay's timer, the notifier turning live, or this instance's first
/// command after its own publishes failed asks for it. That command waits for the round, which publishes its
/// events too (they are in the log by then): so on this instance an event never overtakes the ones an outage
/// left behind it, and the other instances' subscribers get them in order instead of filling a gap from the log.
/// </summary>
public sealed partial class CampaignEventPublisher
{
    // Unpublished events are few (a commit publishes its own at once) unless the broker was down for
    // long; this caps what one round looks at, the rest waits for the next round.
    private const int MaxUnpublishedScan = 20_000;

    private readonly SemaphoreSlim _round = new(1, 1);
    private int _behind; // 1 after a commit's publish failed here, until a round has published the backlog

    /// <summary>Whether a commit's publish failed on this instance and no round has published the backlog since.</summary>
    internal bool IsBehind => Volatile.Read(ref _behind) == 1;

    /// <summary>
    /// Publishes the unpublished events committed up to <paramref name="committedBy"/>, in order, and marks them
    /// at once; one round at a time. Stops at the first failure (the next round starts from there). Returns how
    /// many were published.
    /// </summary>
    internal async Task<int> PublishUnpublishedAsync(DateTimeOffset committedBy, CancellationToken ct)
    {
        if (!notifier.IsLive)
        {
            // Every publish would fail now; the notifier turning live is the moment to try (EventLogRelay).
            return 0;
        }

        await _round.WaitAsync(ct);
        try
        {
            // Cleared before the round: a publish that fails during it sets it again.
            Volatile.Write(ref _behind, 0);
            var (published, complete) = await PublishRoundAsync(committedBy, ct);
            if (!complete)
            {
                Volatile.Write(ref _behind, 1);
            }

            return published;
        }
        finally
        {
            _round.Release();
        }
    }

    /// <summary>
    /// For a commit while this instance is behind: publishes the backlog, this commit's events included, and says
    /// whether they went out (else the commit publishes its own, as usual).
    /// </summary>
    private async Task<bool> CatchUpAsync(CommittedChanges changes, CancellationToken ct)
    {
        var committedBy = changes.Events.Max(e => e.Timestamp);
        await PublishUnpublishedAsync(committedBy, ct);
        // Another commit's round may have published the backlog while this one waited; if this commit's events
        // were after its cut, or the round stopped at a failure, the commit publishes its own.
        return !IsBehind && await AllPublishedAsync(changes.Events, ct);
    }

    private async Task<bool> AllPublishedAsync(IReadOnlyList<CampaignEvent> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return !await db.Events.AsNoTracking().AnyAsync(e => ids.Contains(e.Id) && e.PublishedAt == null, ct);
    }

    private async Task<(int Published, bool Complete)> PublishRoundAsync(DateTimeOffset committedBy, CancellationToken ct)
    {
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // SQLite cannot compare DateTimeOffset in SQL, so the age is checked here, on the few
            // unpublished rows (PublishedAt is indexed), without loading their envelopes.
            var unpublished = await db.Events.AsNoTracking()
                .Where(e => e.PublishedAt == null)
                .Select(e => new { e.Id, e.CampaignId, e.Audience, e.Sequence, e.Timestamp })
                .Take(MaxUnpublishedScan)
                .ToListAsync(ct);
            due = [.. unpublished.Where(e => e.Timestamp <= committedBy)
                .OrderBy(e => e.CampaignId).ThenBy(e => e.Audience).ThenBy(e => e.Sequence)
                .Select(e => e.Id)];
        }

        var total = 0;
        foreach (var batch in due.Chunk(relayOptions.Value.BatchSize))
        {
            List<CampaignEvent> rows;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                rows = await db.Events.AsNoTracking().Where(e => batch.Contains(e.Id)).ToListAsync(ct);
            }

            // Stop at the first failure: the broker went away, and the next round starts from there.
            var published = await PublishAsync(rows, RealtimeMetrics.RelayOrigin, stopAtFirstFailure: true, ct);
            total += published;
            if (published < rows.Count)
            {
                return (total, false);
            }
        }

        if (total > 0)
        {
            logger.LogInformation("Relayed {Count} events that had not been published", total);
        }

        return (total, true);
    }
}
