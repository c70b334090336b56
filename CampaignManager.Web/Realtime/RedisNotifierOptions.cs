namespace CampaignManager.Web.Realtime;

/// <summary>The Redis notifier's settings (section <c>Realtime</c>); the connection itself is <c>ConnectionStrings:Redis</c>.</summary>
public sealed class RedisNotifierOptions
{
    public const string SectionName = "Realtime";

    /// <summary>Channels are <c>{ChannelPrefix}:campaign:{campaignId}</c>, so several apps can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "cm";

    /// <summary>
    /// How long a PUBLISH, SUBSCRIBE or UNSUBSCRIBE may take before Redis counts as unavailable. Short,
    /// because a publish runs right after a command committed and its caller is waiting; what could not
    /// be published stays in the event log for the relay.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The channel of one campaign.</summary>
    public string CampaignChannel(Guid campaignId) => $"{ChannelPrefix}:campaign:{campaignId:D}";
}
