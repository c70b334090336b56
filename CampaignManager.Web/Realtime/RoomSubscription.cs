using System.Diagnostics.CodeAnalysis;
using CampaignManager.Domain.Common;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// One local subscriber's interest in one campaign: its audience's stream, limited to some rooms.
/// Delivery runs through a small mailbox: events reach the subscriber one at a time and in the order
/// they arrived, and a subscriber whose <c>deliver</c> is slow only holds up its own events, never
/// another subscriber's or the notifier's. Dispose to stop receiving.
/// </summary>
public sealed class RoomSubscription : IAsyncDisposable
{
    // Its own mailbox, the same shape as SerialMailbox's, rather than one of those: that would be another
    // object and two delegates per subscription, and every idle hub connection holds one (the 30 KB budget).
    private readonly RoomRouter _router;
    private readonly Func<CampaignEventMessage, ValueTask> _deliver;
    private readonly HashSet<string> _rooms;
    private readonly Queue<CampaignEventMessage> _pending = new();
    private readonly Lock _gate = new();
    private bool _draining;
    private bool _disposed;

    internal RoomSubscription(RoomRouter router, Guid campaignId, Visibility audience, IEnumerable<string> rooms,
        Func<CampaignEventMessage, ValueTask> deliver, Task ready)
    {
        _router = router;
        _deliver = deliver;
        _rooms = new HashSet<string>(rooms, StringComparer.Ordinal);
        CampaignId = campaignId;
        Audience = audience;
        Ready = ready;
    }

    public Guid CampaignId { get; }

    /// <summary>The only stream this subscriber receives.</summary>
    public Visibility Audience { get; }

    public IReadOnlySet<string> Rooms => _rooms;

    /// <summary>
    /// Completes when the notifier listens to the campaign (for Redis: the channel is subscribed).
    /// Read the event log after this to catch up, and events committed since will not be missed.
    /// </summary>
    public Task Ready { get; }

    /// <summary>Whether this subscriber receives the event: its audience's stream, and one of its rooms.</summary>
    internal bool Matches(CampaignEventMessage message)
    {
        if (message.Audience != Audience || message.CampaignId != CampaignId)
        {
            return false;
        }

        // Indexed, not foreach: this runs for every subscriber and event, and an interface
        // enumerator would be an allocation each time.
        var rooms = message.Envelope.Rooms;
        for (var i = 0; i < rooms.Count; i++)
        {
            if (_rooms.Contains(rooms[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Queues the event and delivers it, on this thread when the subscriber is idle.</summary>
    internal void Post(CampaignEventMessage message)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_draining)
            {
                _pending.Enqueue(message);
                return;
            }

            // Idle, so nothing is queued (a drain ends only on an empty queue): delivered at once, not
            // through the queue, whose array is as old as the subscription. A new event stored there marks
            // its card for the next gen-0 collection to scan, once per subscriber (see StateSlots).
            _draining = true;
        }

        if (Run(message))
        {
            Drain();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _pending.Clear();
        }

        await _router.RemoveAsync(this);
    }

    // Runs until the mailbox is empty or a delivery goes asynchronous; in the latter case the rest
    // continues after it, so this subscriber's events stay in order without blocking the caller.
    private void Drain()
    {
        while (TryTake(out var message))
        {
            if (!Run(message))
            {
                return;
            }
        }
    }

    /// <summary>Delivers one event; false when the delivery went asynchronous (its continuation drains what follows).</summary>
    private bool Run(CampaignEventMessage message)
    {
        ValueTask delivery;
        try
        {
            delivery = _deliver(message);
        }
        catch (Exception e)
        {
            _router.DeliveryFailed(this, message, e);
            return true;
        }

        _router.Delivered(message);
        if (!delivery.IsCompleted)
        {
            _ = DrainAfterAsync(delivery, message);
            return false;
        }

        try
        {
            delivery.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            _router.DeliveryFailed(this, message, e);
        }

        return true;
    }

    private async Task DrainAfterAsync(ValueTask delivery, CampaignEventMessage message)
    {
        try
        {
            await delivery.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _router.DeliveryFailed(this, message, e);
        }

        Drain();
    }

    private bool TryTake([MaybeNullWhen(false)] out CampaignEventMessage message)
    {
        lock (_gate)
        {
            if (!_disposed && _pending.TryDequeue(out var next))
            {
                message = next;
                return true;
            }

            _draining = false;
            message = null;
            return false;
        }
    }
}
