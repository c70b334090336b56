using CampaignManager.Web.Realtime;

namespace CampaignManager.Tests.Web.Components.Connection;

/// <summary>A notifier whose broker a test turns off and on: <see cref="SetLive"/> raises <see cref="LiveChanged"/>, as Redis going away and coming back does.</summary>
public sealed class SwitchableNotifier : ICampaignNotifier
{
    private volatile bool _live = true;

    public bool IsLive => _live;

    public event Action<bool>? LiveChanged;

    /// <summary>Changes the state and raises the event, on a thread-pool thread like the Redis multiplexer does.</summary>
    public Task SetLive(bool live)
    {
        _live = live;
        return Task.Run(() => LiveChanged?.Invoke(live));
    }

    public Task PublishAsync(CampaignEventMessage message, CancellationToken ct) => Task.CompletedTask;

    public Task<IAsyncDisposable> SubscribeAsync(Guid campaignId, Func<CampaignEventMessage, ValueTask> onMessage, CancellationToken ct) =>
        throw new NotSupportedException("The connection indicator never subscribes to campaigns.");
}
