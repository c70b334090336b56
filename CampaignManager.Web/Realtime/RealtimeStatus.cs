namespace CampaignManager.Web.Realtime;

/// <summary>
/// Whether live updates flow on this instance (the broker is reachable), for the UI's "live updates
/// paused" state and for sessions, which catch up from the event log when it turns live again.
/// A singleton mirror of the notifier, so components never touch the notifier itself.
/// </summary>
public sealed class RealtimeStatus : IDisposable
{
    private readonly ICampaignNotifier _notifier;
    private readonly ILogger<RealtimeStatus> _logger;

    public RealtimeStatus(ICampaignNotifier notifier, ILogger<RealtimeStatus> logger)
    {
        _notifier = notifier;
        _logger = logger;
        notifier.LiveChanged += OnLiveChanged;
    }

    /// <summary>True while events from every instance reach this one.</summary>
    public bool IsLive => _notifier.IsLive;

    /// <summary>
    /// Raised with the new state, on a background thread (components: <c>InvokeAsync</c>). On true,
    /// every session must catch up from the event log: events committed meanwhile were not delivered.
    /// </summary>
    public event Action<bool>? LiveChanged;

    public void Dispose() => _notifier.LiveChanged -= OnLiveChanged;

    private void OnLiveChanged(bool live)
    {
        if (live)
        {
            _logger.LogInformation("Live updates resumed");
        }
        else
        {
            _logger.LogWarning("Live updates paused: the realtime broker is unreachable");
        }

        foreach (var handler in LiveChanged?.GetInvocationList().Cast<Action<bool>>() ?? [])
        {
            try
            {
                handler(live);
            }
            catch (Exception e)
            {
                // A broken listener (say, a dead circuit) must not keep the news from the others.
                _logger.LogError(e, "A live-state listener failed");
            }
        }
    }
}
