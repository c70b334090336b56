using CampaignManager.Domain.Events;
using CampaignManager.Domain.Rules;

namespace CampaignManager.Domain.Common;

/// <summary>
/// Everything one command committed in one campaign, handed to observers after the commit:
/// the recorded changes and the event-log rows (each audience's events) written with them.
/// </summary>
public sealed record CommittedChanges(
    Guid CampaignId,
    long Sequence,
    Actor Actor,
    IReadOnlyList<DomainChange> Changes,
    IReadOnlyList<DerivedValuesChange> DerivedChanges,
    IReadOnlyList<CampaignEvent> Events);
