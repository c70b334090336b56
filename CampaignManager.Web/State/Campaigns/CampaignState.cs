using System.Collections.Immutable;
using CampaignManager.Domain.Campaigns;

namespace CampaignManager.Web.State.Campaigns;

public enum CampaignLoadStatus
{
    Idle,
    Loading,
    Loaded,
    NotFound,

    /// <summary>The campaign was shown, then the user lost access to it (removed as a member, or no longer a site admin).</summary>
    AccessEnded,
}

/// <summary>
/// The open campaign of this circuit as its user may see it, kept current by events.
/// <see cref="Flashing"/> holds the entities that just changed (the UI highlights them).
/// </summary>
public sealed record CampaignState(
    Guid? CampaignId,
    CampaignView? Campaign,
    CampaignLoadStatus Status,
    ImmutableList<ActivityItem> Activity,
    Highlights Flashing)
{
    public const int MaxActivity = 50;

    /// <summary>With <see cref="CampaignLoadStatus.AccessEnded"/>: the name of the campaign the user can no longer see.</summary>
    public string? EndedCampaignName { get; init; }

    public static CampaignState Initial { get; } = new(null, null, CampaignLoadStatus.Idle, [], Highlights.None);
}
