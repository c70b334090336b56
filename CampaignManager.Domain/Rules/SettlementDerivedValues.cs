namespace CampaignManager.Domain.Rules;

/// <summary>Values the rules engine derives for one settlement. Compares by value, collections included.</summary>
/// <param name="SettlementId">The settlement.</param>
/// <param name="Consumption">Food the settlement consumes per turn (never negative).</param>
/// <param name="Overcrowded">Whether it occupies more blocks than it has residential lots.</param>
/// <param name="ResidentialLots">Lots filled by residential structures.</param>
/// <param name="MaxItemBonus">The cap on any item bonus here (+1 village/town, +2 city, +3 metropolis).</param>
/// <param name="ItemBonuses">Capped item bonus per kingdom check name; checks without a bonus are absent.</param>
public sealed record SettlementDerivedValues(
    Guid SettlementId,
    int Consumption,
    bool Overcrowded,
    int ResidentialLots,
    int MaxItemBonus,
    IReadOnlyDictionary<string, int> ItemBonuses)
{
    /// <summary>Capped item bonus per kingdom check name, compared by content.</summary>
    public IReadOnlyDictionary<string, int> ItemBonuses { get; init => field = EquatableDictionary<string, int>.From(value); } =
        EquatableDictionary<string, int>.From(ItemBonuses);
}
