using CampaignManager.Domain.Common;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// This instance's table of local subscribers (one per instance, a singleton). It listens to the
/// notifier for a campaign while at least one local subscriber needs it, and hands each incoming
/// event to every subscriber of the event's audience that shares one of its rooms — once, however
/// many of its rooms the event names.
/// </summary>
public sealed class RoomRouter(ICampaignNotifier notifier, RealtimeMetrics metrics, TimeProvider time, ILogger<RoomRouter> logger)
    : IAsyncDisposable
{
    private readonly Dictionary<Guid, CampaignRoute> _routes = [];
    private readonly Lock _gate = new();

    /// <summary>Campaigns the notifier listens to for this instance.</summary>
    public int CampaignCount
    {
        get
        {
            lock (_gate)
            {
                return _routes.Count;
            }
        }
    }

    /// <summary>Local subscriptions, over all campaigns.</summary>
    public int SubscriptionCount
    {
        get
        {
            lock (_gate)
            {
                return _routes.Values.Sum(r => r.Subscriptions.Length);
            }
        }
    }

    /// <summary>
    /// Starts delivering the campaign's events of <paramref name="audience"/> that name one of
    /// <paramref name="rooms"/>. <paramref name="deliver"/> should only enqueue (it runs on the
    /// notifier's thread); it is called for one event at a time, in arrival order. Wait for
    /// <see cref="RoomSubscription.Ready"/> (or use <see cref="SubscribeAsync"/>) before reading the
    /// event log to catch up. The caller has authorized the rooms and the audience.
    /// </summary>
    public RoomSubscription Subscribe(Guid campaignId, Visibility audience, IReadOnlyCollection<string> rooms,
        Func<CampaignEventMessage, ValueTask> deliver)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        ArgumentNullException.ThrowIfNull(deliver);
        if (rooms.Count == 0)
        {
            throw new ArgumentException("A subscription needs at least one room.", nameof(rooms));
        }

        CampaignRoute? connect = null;
        RoomSubscription subscription;
        lock (_gate)
        {
            if (!_routes.TryGetValue(campaignId, out var route))
            {
                _routes[campaignId] = route = new CampaignRoute(campaignId);
                connect = route;
            }
            else if (route.Ready.Task.IsFaulted)
            {
                // The notifier refused last time; a new subscriber is a good moment to try again.
                route.Ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connect = route;
            }

            subscription = new RoomSubscription(this, campaignId, audience, rooms, deliver, route.Ready.Task);
            route.Subscriptions = [.. route.Subscriptions, subscription];
        }

        if (connect is not null)
        {
            // Outside the lock: the notifier may take its own locks or go to Redis.
            _ = ConnectAsync(connect);
        }

        return subscription;
    }

    /// <summary><see cref="Subscribe"/>, then waits until the notifier listens to the campaign.</summary>
    public async Task<RoomSubscription> SubscribeAsync(Guid campaignId, Visibility audience, IReadOnlyCollection<string> rooms,
        Func<CampaignEventMessage, ValueTask> deliver, CancellationToken ct = default)
    {
        var subscription = Subscribe(campaignId, audience, rooms, deliver);
        try
        {
            await subscription.Ready.WaitAsync(ct);
            return subscription;
        }
        catch
        {
            await subscription.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> handles;
        lock (_gate)
        {
            handles = [.. _routes.Values.Select(r => r.Close()).OfType<IAsyncDisposable>()];
            _routes.Clear();
        }

        foreach (var handle in handles)
        {
            await DisposeQuietlyAsync(handle);
        }
    }

    internal async ValueTask RemoveAsync(RoomSubscription subscription)
    {
        IAsyncDisposable? handle = null;
        lock (_gate)
        {
            if (!_routes.TryGetValue(subscription.CampaignId, out var route) || !route.Subscriptions.Contains(subscription))
            {
                return;
            }

            route.Subscriptions = [.. route.Subscriptions.Where(s => s != subscription)];
            if (route.Subscriptions.Length == 0)
            {
                _routes.Remove(subscription.CampaignId);
                handle = route.Close();
            }
        }

        if (handle is not null)
        {
            await DisposeQuietlyAsync(handle);
        }
    }

    internal void Delivered(CampaignEventMessage message) => metrics.Delivered(message, time.GetUtcNow());

    internal void DeliveryFailed(RoomSubscription subscription, CampaignEventMessage message, Exception exception) =>
        logger.LogError(exception, "A subscriber of campaign {CampaignId} ({Audience}, rooms {Rooms}) failed on event {Sequence}",
            message.CampaignId, subscription.Audience, string.Join(",", subscription.Rooms), message.Sequence);

    private async Task ConnectAsync(CampaignRoute route)
    {
        var ready = route.Ready;
        try
        {
            var handle = await notifier.SubscribeAsync(route.CampaignId, message => Route(route, message), CancellationToken.None);
            bool closed;
            lock (_gate)
            {
                closed = route.Closed;
                if (!closed)
                {
                    route.Handle = handle;
                }
            }

            if (closed)
            {
                // Everyone left while the notifier was subscribing.
                await DisposeQuietlyAsync(handle);
            }

            ready.TrySetResult();
        }
        catch (Exception e)
        {
            logger.LogError(e, "The notifier could not subscribe to campaign {CampaignId}", route.CampaignId);
            ready.TrySetException(e);
        }
    }

    private ValueTask Route(CampaignRoute route, CampaignEventMessage message)
    {
        // An immutable snapshot: subscribers come and go while an event is being handed out.
        foreach (var subscription in route.Subscriptions)
        {
            if (subscription.Matches(message))
            {
                subscription.Post(message);
            }
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask DisposeQuietlyAsync(IAsyncDisposable handle)
    {
        try
        {
            await handle.DisposeAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Leaving a campaign's notifier subscription failed");
        }
    }

    private sealed class CampaignRoute(Guid campaignId)
    {
        public Guid CampaignId { get; } = campaignId;

        // Replaced, never mutated (under the router's lock), so Route can read it without the lock.
        private volatile RoomSubscription[] _subscriptions = [];

        public RoomSubscription[] Subscriptions
        {
            get => _subscriptions;
            set => _subscriptions = value;
        }

        public TaskCompletionSource Ready { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IAsyncDisposable? Handle { get; set; }

        public bool Closed { get; private set; }

        /// <summary>Marks the route finished and hands back the notifier subscription to dispose, if it exists yet.</summary>
        public IAsyncDisposable? Close()
        {
            Closed = true;
            var handle = Handle;
            Handle = null;
            return handle;
        }
    }
}
