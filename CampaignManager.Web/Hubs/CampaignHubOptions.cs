namespace CampaignManager.Web.Hubs;

/// <summary>The <c>Hub</c> configuration section: per-connection limits of <c>/hubs/campaign</c>.</summary>
public sealed class CampaignHubOptions
{
    public const string SectionName = "Hub";

    /// <summary>Subscribe and unsubscribe calls a connection may make at once (the bucket's size).</summary>
    public int SubscribeBurst { get; set; } = 20;

    /// <summary>How fast the bucket refills: sustained subscribe and unsubscribe calls per second.</summary>
    public double SubscribesPerSecond { get; set; } = 10;
}
