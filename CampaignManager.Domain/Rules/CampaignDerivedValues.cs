namespace CampaignManager.Domain.Rules;

/// <summary>
/// Everything the rules engine derives for one campaign. Compares by value, collections included, so
/// a cache can tell "recomputed, same numbers" from a real change.
/// </summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Kingdoms">Derived values per kingdom, in input order.</param>
public sealed record CampaignDerivedValues(Guid CampaignId, IReadOnlyList<KingdomDerivedValues> Kingdoms)
{
    /// <summary>Derived values per kingdom, compared by content.</summary>
    public IReadOnlyList<KingdomDerivedValues> Kingdoms
    {
        get;
        init => field = EquatableList<KingdomDerivedValues>.From(value);
    } = EquatableList<KingdomDerivedValues>.From(Kingdoms);
}
