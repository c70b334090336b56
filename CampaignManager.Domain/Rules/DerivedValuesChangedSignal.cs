using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Rules;

/// <summary>Raised after a commit changed derived values, with the new values for each audience.</summary>
public sealed record DerivedValuesChangedSignal(
    Guid CampaignId,
    long Sequence,
    IReadOnlyDictionary<Visibility, CampaignDerivedValues> Values,
    IReadOnlyDictionary<Visibility, IReadOnlyList<DerivedValuesChange>> Changes);
