namespace CampaignManager.Web.Realtime;

/// <summary>
/// The single-instance notifier (no Redis configured): a publish calls this instance's handlers of
/// the campaign directly. Shaped like eShop's OrderStatusNotificationService: a brief lock around a
/// per-campaign handler list, and disposable subscriptions.
/// </summary>
public sealed class InMemoryCampaignNotifier(ILogger<InMemoryCampaignNotifier> logger) : ICampaignNotifier
{
    private readonly Dictionary<Guid, List<Handler>> _handlers = [];
    private readonly Lock _gate = new();

    /// <summary>Always true: there is no broker to lose.</summary>
    public bool IsLive => true;

    /// <summary>Never raised: the in-memory notifier is always live.</summary>
    public event Action<bool>? LiveChanged
    {
        add { }
        remove { }
    }

    public async Task PublishAsync(CampaignEventMessage message, CancellationToken ct)
    {
        Handler[] handlers;
        lock (_gate)
        {
            // A copy, so handlers run outside the lock and may subscribe or unsubscribe meanwhile.
            handlers = _handlers.TryGetValue(message.CampaignId, out var list) ? [.. list] : [];
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler.OnMessage(message);
            }
            catch (Exception e)
            {
                // One broken handler must not keep the event from the others.
                logger.LogError(e, "A realtime handler of campaign {CampaignId} failed on event {Sequence} ({Audience})",
                    message.CampaignId, message.Sequence, message.Audience);
            }
        }
    }

    public Task<IAsyncDisposable> SubscribeAsync(Guid campaignId, Func<CampaignEventMessage, ValueTask> onMessage, CancellationToken ct)
    {
        var handler = new Handler(this, campaignId, onMessage);
        lock (_gate)
        {
            if (!_handlers.TryGetValue(campaignId, out var list))
            {
                _handlers[campaignId] = list = [];
            }

            list.Add(handler);
        }

        return Task.FromResult<IAsyncDisposable>(handler);
    }

    /// <summary>How many campaigns have at least one handler (for tests).</summary>
    internal int CampaignCount
    {
        get
        {
            lock (_gate)
            {
                return _handlers.Count;
            }
        }
    }

    private void Remove(Handler handler)
    {
        lock (_gate)
        {
            if (_handlers.TryGetValue(handler.CampaignId, out var list) && list.Remove(handler) && list.Count == 0)
            {
                _handlers.Remove(handler.CampaignId);
            }
        }
    }

    private sealed class Handler(InMemoryCampaignNotifier owner, Guid campaignId, Func<CampaignEventMessage, ValueTask> onMessage) : IAsyncDisposable
    {
        public Guid CampaignId { get; } = campaignId;

        public Func<CampaignEventMessage, ValueTask> OnMessage { get; } = onMessage;

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return ValueTask.CompletedTask;
        }
    }
}
