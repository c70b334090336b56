using CampaignManager.Web.State.Store;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>
/// Ends the highlights of every circuit of this instance from one timer (a singleton). With a timer
/// per circuit and event, a thousand circuits meant a thousand timer callbacks, each a thread-pool
/// hop, 1.5 s after every event; here the highlights that are due end together, from one callback.
/// </summary>
public sealed class FlashClock : IDisposable
{
    /// <summary>Highlights due within this much of each other end in the same tick.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();

    // One duration for all, so the queue is in due order.
    private readonly Queue<Highlight> _pending = new();
    private bool _armed;
    private bool _disposed;

    public FlashClock(TimeProvider time)
    {
        _time = time;
        _timer = time.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How long an entity stays highlighted after an event changed it.</summary>
    public static TimeSpan Duration { get; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Dispatches <see cref="FlashEndedAction"/> for each id after <see cref="Duration"/>, unless <paramref name="ct"/> is cancelled first.</summary>
    public void EndLater(IDispatcher dispatcher, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending.Enqueue(new Highlight(_time.GetTimestamp(), dispatcher, ids, ct));
            if (!_armed)
            {
                _armed = true;
                _timer.Change(Duration, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Tick()
    {
        List<Highlight> due = [];
        lock (_gate)
        {
            while (_pending.TryPeek(out var next) && Remaining(next) <= Slack)
            {
                due.Add(_pending.Dequeue());
            }

            _armed = _pending.TryPeek(out var following) && !_disposed;
            if (_armed)
            {
                _timer.Change(Remaining(following!), Timeout.InfiniteTimeSpan);
            }
        }

        foreach (var highlight in due)
        {
            if (highlight.Ct.IsCancellationRequested)
            {
                continue; // The circuit ended.
            }

            foreach (var id in highlight.Ids)
            {
                highlight.Dispatcher.Dispatch(new FlashEndedAction(id));
            }
        }
    }

    // On the monotonic clock: a change of the wall clock neither ends highlights early nor keeps them on.
    private TimeSpan Remaining(Highlight highlight) => Duration - _time.GetElapsedTime(highlight.Started);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending.Clear();
        }

        _timer.Dispose();
    }

    private sealed record Highlight(long Started, IDispatcher Dispatcher, IReadOnlyList<Guid> Ids, CancellationToken Ct);
}
