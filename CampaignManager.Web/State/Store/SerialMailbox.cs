using System.Diagnostics.CodeAnalysis;

namespace CampaignManager.Web.State.Store;

/// <summary>
/// Runs posted items one at a time, in the order they were posted, without a thread of its own: the
/// poster that finds the mailbox idle runs the handler on its own thread, and whatever is posted
/// meanwhile (also from inside the handler) waits its turn and is run by that same drainer. A handler
/// that goes asynchronous holds the following items until it completes; the poster is not blocked.
/// <para>
/// This is how an event reaches 1,000 circuits without 1,000 thread-pool hops: the router's thread
/// applies each in-order event to each store directly, and only a store that is busy queues it.
/// </para>
/// </summary>
internal sealed class SerialMailbox<T>
{
    private readonly Func<T, ValueTask> _handle;
    private readonly Action<T, Exception> _failed;
    private readonly Queue<T> _pending = new();
    private readonly Lock _gate = new();
    private bool _draining;
    private bool _paused;
    private bool _closed;
    private TaskCompletionSource? _drained;

    /// <param name="handle">Runs one item; should complete synchronously in the common case.</param>
    /// <param name="failed">Called when <paramref name="handle"/> throws; the mailbox goes on with the next item.</param>
    /// <param name="paused">Holds the posted items until <see cref="Resume"/> (e.g. until a load is done).</param>
    public SerialMailbox(Func<T, ValueTask> handle, Action<T, Exception> failed, bool paused = false)
    {
        _handle = handle;
        _failed = failed;
        _paused = paused;
    }

    /// <summary>Queues the item and, when nobody is draining, runs it (and what follows) on this thread.</summary>
    /// <returns>False when the mailbox is closed (the item is dropped).</returns>
    public bool Post(T item)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            if (_draining || _paused)
            {
                _pending.Enqueue(item);
                return true;
            }

            // Idle and not paused, so nothing is queued (a drain ends only on an empty queue): the item
            // runs at once without passing through the queue. The queue's array is as old as its circuit;
            // storing a new item in it marks that array's card for the next gen-0 collection to scan, a
            // thousand cards per event with a thousand circuits (ADR-010; docs/benchmarks.md, "Circuit
            // fan-out: the cards each delivery marked").
            _draining = true;
        }

        if (Run(item))
        {
            Drain();
        }

        return true;
    }

    /// <summary>Ends a pause: runs what was posted meanwhile on this thread.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _paused = false;
            if (_draining || _closed)
            {
                return;
            }

            _draining = true;
        }

        Drain();
    }

    /// <summary>
    /// Stops taking items and drops those not started. Completes when the item being handled (on
    /// another thread, or asynchronously) is done, so nothing runs after it.
    /// </summary>
    /// <returns>The dropped items, for callers that must answer them.</returns>
    public (List<T> Dropped, Task Drained) Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return ([], _drained?.Task ?? Task.CompletedTask);
            }

            _closed = true;
            var dropped = _pending.ToList();
            _pending.Clear();
            if (_draining)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return (dropped, _drained?.Task ?? Task.CompletedTask);
        }
    }

    private void Drain()
    {
        while (TryTake(out var item))
        {
            if (!Run(item))
            {
                return;
            }
        }
    }

    /// <summary>Runs one item; false when it went asynchronous (its continuation drains what follows).</summary>
    private bool Run(T item)
    {
        ValueTask handled;
        try
        {
            handled = _handle(item);
        }
        catch (Exception e)
        {
            _failed(item, e);
            return true;
        }

        if (!handled.IsCompleted)
        {
            _ = DrainAfterAsync(handled, item);
            return false;
        }

        try
        {
            handled.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            _failed(item, e);
        }

        return true;
    }

    private async Task DrainAfterAsync(ValueTask handled, T item)
    {
        try
        {
            await handled.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _failed(item, e);
        }

        Drain();
    }

    private bool TryTake([MaybeNullWhen(false)] out T item)
    {
        lock (_gate)
        {
            if (!_closed && _pending.TryDequeue(out var next))
            {
                item = next;
                return true;
            }

            _draining = false;
            _drained?.TrySetResult();
            item = default;
            return false;
        }
    }
}
