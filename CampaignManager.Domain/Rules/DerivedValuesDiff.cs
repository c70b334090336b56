namespace CampaignManager.Domain.Rules;

/// <summary>Tells which derived values changed between two computations, to raise targeted invalidations.</summary>
public static class DerivedValuesDiff
{
    private static readonly IReadOnlyList<string> AllKingdomValues =
    [
        DerivedValueNames.AbilityModifiers,
        DerivedValueNames.ResourceDice,
        DerivedValueNames.ControlDc,
        DerivedValueNames.UnrestPenalty,
        DerivedValueNames.VacancyPenalties,
        DerivedValueNames.FoodConsumption,
        DerivedValueNames.CommodityCapacity,
        DerivedValueNames.ItemBonuses,
    ];

    private static readonly IReadOnlyList<string> AllSettlementValues =
    [
        DerivedValueNames.Consumption,
        DerivedValueNames.Overcrowded,
        DerivedValueNames.ResidentialLots,
        DerivedValueNames.MaxItemBonus,
        DerivedValueNames.ItemBonuses,
    ];

    /// <summary>
    /// Lists, per kingdom and per settlement, the derived values that differ. With no
    /// <paramref name="previous"/> every value of every entity is new; an entity that disappeared is
    /// reported with <see cref="DerivedValueNames.Removed"/>. Equal computations give an empty list.
    /// </summary>
    /// <remarks>A kingdom's entry covers its own values only; its settlements get entries of their own.</remarks>
    public static IReadOnlyList<DerivedValuesChange> Compare(CampaignDerivedValues? previous, CampaignDerivedValues current)
    {
        ArgumentNullException.ThrowIfNull(current);

        var previousKingdoms = new Dictionary<Guid, KingdomDerivedValues>();
        var previousSettlements = new Dictionary<Guid, SettlementDerivedValues>();
        foreach (var kingdom in previous?.Kingdoms ?? [])
        {
            previousKingdoms.TryAdd(kingdom.KingdomId, kingdom);
            foreach (var settlement in kingdom.Settlements)
            {
                previousSettlements.TryAdd(settlement.SettlementId, settlement);
            }
        }

        var changes = new List<DerivedValuesChange>();
        foreach (var kingdom in current.Kingdoms)
        {
            var changed = previousKingdoms.Remove(kingdom.KingdomId, out var before)
                ? ChangedValues(before, kingdom)
                : AllKingdomValues;
            Add(changes, DerivedValuesChange.KingdomScope, kingdom.KingdomId, changed);

            foreach (var settlement in kingdom.Settlements)
            {
                var changedInSettlement = previousSettlements.Remove(settlement.SettlementId, out var settlementBefore)
                    ? ChangedValues(settlementBefore, settlement)
                    : AllSettlementValues;
                Add(changes, DerivedValuesChange.SettlementScope, settlement.SettlementId, changedInSettlement);
            }
        }

        // Whatever was not matched above no longer exists.
        foreach (var id in previousKingdoms.Keys)
        {
            Add(changes, DerivedValuesChange.KingdomScope, id, [DerivedValueNames.Removed]);
        }

        foreach (var id in previousSettlements.Keys)
        {
            Add(changes, DerivedValuesChange.SettlementScope, id, [DerivedValueNames.Removed]);
        }

        return changes;
    }

    private static List<string> ChangedValues(KingdomDerivedValues before, KingdomDerivedValues after)
    {
        var changed = new List<string>();
        AddIf(changed, !Equals(before.AbilityModifiers, after.AbilityModifiers), DerivedValueNames.AbilityModifiers);
        AddIf(changed, before.ResourceDice != after.ResourceDice, DerivedValueNames.ResourceDice);
        AddIf(changed, before.ControlDc != after.ControlDc, DerivedValueNames.ControlDc);
        AddIf(changed, before.UnrestPenalty != after.UnrestPenalty, DerivedValueNames.UnrestPenalty);
        AddIf(changed, !Equals(before.VacancyPenalties, after.VacancyPenalties), DerivedValueNames.VacancyPenalties);
        AddIf(changed, before.FoodConsumption != after.FoodConsumption, DerivedValueNames.FoodConsumption);
        AddIf(changed, !Equals(before.CommodityCapacity, after.CommodityCapacity), DerivedValueNames.CommodityCapacity);
        AddIf(changed, !Equals(before.ItemBonuses, after.ItemBonuses), DerivedValueNames.ItemBonuses);
        return changed;
    }

    private static List<string> ChangedValues(SettlementDerivedValues before, SettlementDerivedValues after)
    {
        var changed = new List<string>();
        AddIf(changed, before.Consumption != after.Consumption, DerivedValueNames.Consumption);
        AddIf(changed, before.Overcrowded != after.Overcrowded, DerivedValueNames.Overcrowded);
        AddIf(changed, before.ResidentialLots != after.ResidentialLots, DerivedValueNames.ResidentialLots);
        AddIf(changed, before.MaxItemBonus != after.MaxItemBonus, DerivedValueNames.MaxItemBonus);
        AddIf(changed, !Equals(before.ItemBonuses, after.ItemBonuses), DerivedValueNames.ItemBonuses);
        return changed;
    }

    private static void AddIf(List<string> changed, bool condition, string name)
    {
        if (condition)
        {
            changed.Add(name);
        }
    }

    private static void Add(List<DerivedValuesChange> changes, string scope, Guid id, IReadOnlyList<string> changed)
    {
        if (changed.Count > 0)
        {
            changes.Add(new DerivedValuesChange(scope, id, changed));
        }
    }
}
