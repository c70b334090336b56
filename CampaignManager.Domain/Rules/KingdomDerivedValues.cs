using CampaignManager.Domain.Kingdoms;

namespace CampaignManager.Domain.Rules;

/// <summary>Values the rules engine derives for one kingdom. Compares by value, collections included.</summary>
/// <param name="KingdomId">The kingdom.</param>
/// <param name="AbilityModifiers">Modifier per ability, floor((score − 10) / 2); every ability is present.</param>
/// <param name="ResourceDice">Resource dice rolled each turn.</param>
/// <param name="ControlDc">Control DC: by level plus the size modifier.</param>
/// <param name="UnrestPenalty">Status penalty from Unrest, 0 or negative.</param>
/// <param name="VacancyPenalties">One entry per vacant leadership seat, in seat order.</param>
/// <param name="FoodConsumption">Food consumed per turn after farmland (never negative).</param>
/// <param name="CommodityCapacity">Storage capacity per commodity; every commodity is present.</param>
/// <param name="ItemBonuses">Kingdom-wide item bonus per check: the best single settlement's.</param>
/// <param name="Settlements">Derived values of the kingdom's settlements, in input order.</param>
public sealed record KingdomDerivedValues(
    Guid KingdomId,
    IReadOnlyDictionary<KingdomAbility, int> AbilityModifiers,
    ResourceDice ResourceDice,
    int ControlDc,
    int UnrestPenalty,
    IReadOnlyList<VacancyPenalty> VacancyPenalties,
    int FoodConsumption,
    IReadOnlyDictionary<Commodity, int> CommodityCapacity,
    IReadOnlyDictionary<string, int> ItemBonuses,
    IReadOnlyList<SettlementDerivedValues> Settlements)
{
    /// <summary>Modifier per ability, compared by content.</summary>
    public IReadOnlyDictionary<KingdomAbility, int> AbilityModifiers
    {
        get;
        init => field = EquatableDictionary<KingdomAbility, int>.From(value);
    } = EquatableDictionary<KingdomAbility, int>.From(AbilityModifiers);

    /// <summary>Penalties of vacant seats, compared by content.</summary>
    public IReadOnlyList<VacancyPenalty> VacancyPenalties
    {
        get;
        init => field = EquatableList<VacancyPenalty>.From(value);
    } = EquatableList<VacancyPenalty>.From(VacancyPenalties);

    /// <summary>Capacity per commodity, compared by content.</summary>
    public IReadOnlyDictionary<Commodity, int> CommodityCapacity
    {
        get;
        init => field = EquatableDictionary<Commodity, int>.From(value);
    } = EquatableDictionary<Commodity, int>.From(CommodityCapacity);

    /// <summary>Kingdom-wide item bonus per check, compared by content.</summary>
    public IReadOnlyDictionary<string, int> ItemBonuses
    {
        get;
        init => field = EquatableDictionary<string, int>.From(value);
    } = EquatableDictionary<string, int>.From(ItemBonuses);

    /// <summary>Settlement values, compared by content.</summary>
    public IReadOnlyList<SettlementDerivedValues> Settlements
    {
        get;
        init => field = EquatableList<SettlementDerivedValues>.From(value);
    } = EquatableList<SettlementDerivedValues>.From(Settlements);
}
