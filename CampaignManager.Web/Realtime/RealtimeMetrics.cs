using System.Diagnostics.Metrics;
using CampaignManager.Domain.Common;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// What operators need to see of real-time delivery (ARCHITECTURE.md §11), on the meter
/// <c>CampaignManager.Realtime</c>: events published and failed publishes (by origin: the committing
/// command or the relay), events delivered to local subscribers with their latency from the event's
/// timestamp, and whether the broker is live.
/// </summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "CampaignManager.Realtime";

    /// <summary>The <c>origin</c> tag: published right after the commit.</summary>
    public const string CommitOrigin = "commit";

    /// <summary>The <c>origin</c> tag: republished from the event log by the relay.</summary>
    public const string RelayOrigin = "relay";

    // Enum.ToString allocates; these are hit once per delivery.
    private const string GameMastersTag = nameof(Visibility.GameMasters);
    private const string EveryoneTag = nameof(Visibility.Everyone);

    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _delivered;
    private readonly Histogram<double> _deliveryLatency;

    public RealtimeMetrics(IMeterFactory meterFactory, ICampaignNotifier notifier)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("campaignmanager.realtime.events.published", "{event}",
            "Events handed to the notifier.");
        _publishFailures = meter.CreateCounter<long>("campaignmanager.realtime.publish.failures", "{event}",
            "Events the notifier could not take (left in the log for the relay).");
        _delivered = meter.CreateCounter<long>("campaignmanager.realtime.events.delivered", "{event}",
            "Events handed to a local subscriber (once per subscriber).");
        _deliveryLatency = meter.CreateHistogram<double>("campaignmanager.realtime.delivery.latency", "ms",
            "From the event's timestamp (the command's commit) to the hand-over to a local subscriber.");
        meter.CreateObservableGauge("campaignmanager.realtime.redis.live", () => notifier.IsLive ? 1 : 0, "{live}",
            "1 while events from other instances can arrive, 0 while the broker is unreachable.");
    }

    public void Published(int count, string origin) =>
        _published.Add(count, new KeyValuePair<string, object?>("origin", origin));

    public void PublishFailed(int count, string origin) =>
        _publishFailures.Add(count, new KeyValuePair<string, object?>("origin", origin));

    public void Delivered(CampaignEventMessage message, DateTimeOffset now)
    {
        var audience = new KeyValuePair<string, object?>("audience", message.Audience == Visibility.GameMasters ? GameMastersTag : EveryoneTag);
        _delivered.Add(1, audience);
        _deliveryLatency.Record(Math.Max(0, (now - message.Envelope.Timestamp).TotalMilliseconds), audience);
    }
}
