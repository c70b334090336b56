namespace CampaignManager.Web.Realtime;

/// <summary>
/// Carries committed events to every instance. Two implementations: in-memory (one instance, the
/// default) and Redis pub/sub (one channel per campaign, subscribed while a local subscriber needs it).
/// Only <see cref="RoomRouter"/> subscribes; everything else publishes.
/// </summary>
public interface ICampaignNotifier
{
    /// <summary>
    /// Sends an event to every instance that listens to its campaign (this one included). When the
    /// broker is down it still reaches this instance's own handlers before the exception.
    /// </summary>
    /// <exception cref="NotifierUnavailableException">The broker is down; the event stays unpublished in the log.</exception>
    Task PublishAsync(CampaignEventMessage message, CancellationToken ct);

    /// <summary>Starts receiving a campaign's events; dispose to stop. Called by the router on its first local subscriber.</summary>
    Task<IAsyncDisposable> SubscribeAsync(Guid campaignId, Func<CampaignEventMessage, ValueTask> onMessage, CancellationToken ct);

    /// <summary>True while events from other instances can arrive (always true in memory).</summary>
    bool IsLive { get; }

    /// <summary>Raised when <see cref="IsLive"/> changes (Redis lost or back). After a return every subscriber must catch up from the log.</summary>
    event Action<bool>? LiveChanged;
}
