using CampaignManager.Domain.Rules;

namespace CampaignManager.Domain.Common;

/// <summary>Everything one command committed in one campaign, handed to observers after the commit.</summary>
public sealed record CommittedChanges(
    Guid CampaignId,
    long Sequence,
    Actor Actor,
    IReadOnlyList<DomainChange> Changes,
    IReadOnlyList<DerivedValuesChange> DerivedChanges);
