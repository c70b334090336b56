using CampaignManager.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// Sets <c>PublishedAt</c> on published events. After a commit the ids are collected for a moment
/// and marked in one statement, off the command's path: the caller does not wait for a second
/// write, and a busy instance writes one statement for many commits instead of one each. A mark
/// that is late or lost is harmless — the relay only takes events older than its interval
/// (seconds, not this delay), and receivers ignore what they have seen.
/// </summary>
public sealed class PublishedEventMarker(
    IDbContextFactory<CampaignDbContext> dbFactory,
    TimeProvider time,
    ILogger<PublishedEventMarker> logger) : IAsyncDisposable
{
    /// <summary>How long ids wait for others to share their statement; far below the relay's interval.</summary>
    public static readonly TimeSpan CoalesceDelay = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private List<Guid> _pending = [];
    private Task _marking = Task.CompletedTask;
    private bool _isScheduled;

    /// <summary>Marks these ids soon, together with the others enqueued meanwhile.</summary>
    public void Enqueue(IReadOnlyList<Guid> ids)
    {
        lock (_gate)
        {
            _pending.AddRange(ids);
            if (!_isScheduled)
            {
                _isScheduled = true;
                _ = MarkLaterAsync();
            }
        }
    }

    /// <summary>Marks everything enqueued so far, now, and waits for a batch being written (shutdown, tests).</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await MarkAsync(TakePending(), ct);
        Task marking;
        lock (_gate)
        {
            marking = _marking;
        }

        await marking;
    }

    /// <summary>Marks these ids in one statement and returns when it is written (the relay's path).</summary>
    public async Task MarkAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            var now = time.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Events.Where(e => ids.Contains(e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.PublishedAt, now), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Harmless: the relay publishes them once more and receivers ignore what they have seen.
            logger.LogWarning(e, "Marking {Count} events published failed; the relay will publish them again", ids.Count);
        }
    }

    public async ValueTask DisposeAsync() => await FlushAsync();

    private async Task MarkLaterAsync()
    {
        await Task.Delay(CoalesceDelay, time);
        // Started outside the lock: SQLite runs the statement synchronously, and commits enqueueing
        // their ids must not wait for it.
        var marking = MarkAsync(TakePending(), CancellationToken.None);
        lock (_gate)
        {
            _marking = marking;
        }

        await marking;
    }

    private List<Guid> TakePending()
    {
        lock (_gate)
        {
            var taken = _pending;
            _pending = [];
            _isScheduled = false;
            return taken;
        }
    }
}
