using CampaignManager.Web.Realtime;

namespace CampaignManager.Tests.Realtime;

/// <summary>
/// A notifier that counts subscriptions, lets a test push messages to the router, records what was
/// published, and can play a broker that is down (<see cref="Unavailable"/>).
/// </summary>
public sealed class FakeCampaignNotifier : ICampaignNotifier
{
    private readonly List<(Guid CampaignId, Func<CampaignEventMessage, ValueTask> OnMessage)> _active = [];
    private readonly List<CampaignEventMessage> _published = [];
    private readonly Lock _gate = new();

    private bool _unavailable;

    /// <summary>
    /// While true, every publish throws <see cref="NotifierUnavailableException"/> and <see cref="IsLive"/> is false;
    /// a change raises <see cref="LiveChanged"/>, as the Redis notifier does.
    /// </summary>
    public bool Unavailable
    {
        get => _unavailable;
        set
        {
            if (_unavailable != value)
            {
                _unavailable = value;
                LiveChanged?.Invoke(!value);
            }
        }
    }

    /// <summary>After this many successful publishes, every further one fails (a broker lost mid-batch).</summary>
    public int FailAfter { get; set; } = int.MaxValue;

    public int SubscribeCalls { get; private set; }

    public int UnsubscribeCalls { get; private set; }

    public bool IsLive => !Unavailable;

    public IReadOnlyList<CampaignEventMessage> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public event Action<bool>? LiveChanged;

    public int ActiveFor(Guid campaignId)
    {
        lock (_gate)
        {
            return _active.Count(a => a.CampaignId == campaignId);
        }
    }

    public async Task PublishAsync(CampaignEventMessage message, CancellationToken ct)
    {
        Func<CampaignEventMessage, ValueTask>[] handlers;
        lock (_gate)
        {
            if (Unavailable || _published.Count >= FailAfter)
            {
                throw new NotifierUnavailableException("The fake broker is down.");
            }

            _published.Add(message);
            handlers = [.. _active.Where(a => a.CampaignId == message.CampaignId).Select(a => a.OnMessage)];
        }

        foreach (var handler in handlers)
        {
            await handler(message);
        }
    }

    public Task<IAsyncDisposable> SubscribeAsync(Guid campaignId, Func<CampaignEventMessage, ValueTask> onMessage, CancellationToken ct)
    {
        var entry = (campaignId, onMessage);
        lock (_gate)
        {
            SubscribeCalls++;
            _active.Add(entry);
        }

        return Task.FromResult<IAsyncDisposable>(new Handle(() =>
        {
            lock (_gate)
            {
                UnsubscribeCalls++;
                _active.Remove(entry);
            }
        }));
    }

    private sealed class Handle(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
