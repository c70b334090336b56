namespace CampaignManager.Domain.Campaigns;

/// <summary>A line of the campaigns list.</summary>
public sealed record CampaignSummary(
    Guid Id,
    string Name,
    string Description,
    CampaignRole? Role,
    string CalendarLine,
    int KingdomCount,
    int MemberCount);
