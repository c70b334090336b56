namespace CampaignManager.Domain.Events;

/// <summary>Where a command came from (<c>metadata.source</c> of an event).</summary>
public static class EventSources
{
    public const string Web = "web";
    public const string Api = "api";
    public const string Hub = "hub";
    public const string System = "system";
}
