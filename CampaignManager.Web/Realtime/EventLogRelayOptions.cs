namespace CampaignManager.Web.Realtime;

/// <summary>The event-log relay's settings (section <c>Realtime</c>, beside <see cref="RedisNotifierOptions"/>).</summary>
public sealed class EventLogRelayOptions
{
    public const string SectionName = "Realtime";

    /// <summary>
    /// How often the relay looks for events nobody published, and how old they must be first (so it
    /// doesn't race the publisher of a command that is still running).
    /// </summary>
    public double RelayIntervalSeconds { get; set; } = 2;

    /// <summary>Events older than this are deleted; a client further behind reloads instead of catching up.</summary>
    public double EventRetentionDays { get; set; } = 7;

    /// <summary>How often expired events are looked for.</summary>
    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most events one publish or delete round touches, so no statement holds the database for long.</summary>
    public int BatchSize { get; set; } = 500;

    public TimeSpan RelayInterval => TimeSpan.FromSeconds(RelayIntervalSeconds);

    public TimeSpan EventRetention => TimeSpan.FromDays(EventRetentionDays);
}
