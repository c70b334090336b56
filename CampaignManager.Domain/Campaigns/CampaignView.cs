using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Kingdoms;

namespace CampaignManager.Domain.Campaigns;

/// <summary>
/// A whole campaign as one viewer may see it: GM-only entities and variables already removed.
/// <see cref="StreamSequence"/> is the last event of the viewer's own stream that this view includes:
/// live events continue from there.
/// </summary>
public sealed record CampaignView(
    Guid Id,
    string Name,
    string Description,
    long WorldTime,
    Calendar Calendar,
    CalendarDate Date,
    long EventSequence,
    long StreamSequence,
    long Revision,
    CampaignAccess Access,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<KingdomView> Kingdoms);
