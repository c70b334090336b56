using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Events;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>The session started (re)loading a campaign.</summary>
public sealed record CampaignLoadingAction(Guid CampaignId);

/// <summary>The campaign as of <see cref="CampaignView.StreamSequence"/>, and the recent activity.</summary>
public sealed record CampaignLoadedAction(CampaignView Campaign, IReadOnlyList<ActivityItem> Activity);

/// <summary>The campaign does not exist or the user may not see it (the two look the same).</summary>
public sealed record CampaignNotFoundAction(Guid CampaignId);

/// <summary>The campaign on screen became invisible to the user (removed as a member, or no longer a site admin).</summary>
public sealed record CampaignAccessEndedAction(Guid CampaignId, string CampaignName);

/// <summary>The next event of the user's stream, in sequence order, exactly once.</summary>
public sealed record CampaignEventAppliedAction(CampaignEventEnvelope Envelope);
