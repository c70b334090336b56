using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Kingdoms;

namespace CampaignManager.Domain.Campaigns;

/// <summary>A whole campaign as one viewer may see it: GM-only entities and variables already removed.</summary>
public sealed record CampaignView(
    Guid Id,
    string Name,
    string Description,
    long WorldTime,
    Calendar Calendar,
    CalendarDate Date,
    long EventSequence,
    long Revision,
    CampaignAccess Access,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<KingdomView> Kingdoms);
