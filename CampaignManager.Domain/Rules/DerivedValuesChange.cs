namespace CampaignManager.Domain.Rules;

/// <summary>The derived values of one kingdom or settlement that differ from the previous computation.</summary>
/// <param name="Scope"><see cref="KingdomScope"/> or <see cref="SettlementScope"/>.</param>
/// <param name="EntityId">The kingdom or settlement.</param>
/// <param name="ChangedValues">Names from <see cref="DerivedValueNames"/>, in declaration order; never empty.</param>
public sealed record DerivedValuesChange(string Scope, Guid EntityId, IReadOnlyList<string> ChangedValues)
{
    /// <summary>Scope of a kingdom's own values.</summary>
    public const string KingdomScope = "kingdom";

    /// <summary>Scope of a settlement's values.</summary>
    public const string SettlementScope = "settlement";

    /// <summary>Names of the changed values, compared by content.</summary>
    public IReadOnlyList<string> ChangedValues
    {
        get;
        init => field = EquatableList<string>.From(value);
    } = EquatableList<string>.From(ChangedValues);
}
