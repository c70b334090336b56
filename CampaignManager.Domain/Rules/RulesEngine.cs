using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Structures;

namespace CampaignManager.Domain.Rules;

/// <summary>
/// Derives kingdom and settlement values from stored values (DOMAIN.md, "Derived values"). Pure: the same
/// input always gives an equal result, so callers may cache it and diff it with <see cref="DerivedValuesDiff"/>.
/// </summary>
public static class RulesEngine
{
    /// <summary>Computes every derived value of a campaign.</summary>
    /// <remarks>
    /// Structures whose catalogue key is unknown are ignored: keys are validated when written, and one stale
    /// row must not take down the derived values of a whole campaign.
    /// </remarks>
    public static CampaignDerivedValues Compute(CampaignRulesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new CampaignDerivedValues(input.CampaignId, [.. input.Kingdoms.Select(ComputeKingdom)]);
    }

    private static KingdomDerivedValues ComputeKingdom(KingdomRulesInput kingdom)
    {
        var settlements = kingdom.Settlements
            .Select(settlement => (Input: settlement, Structures: Resolve(settlement.Structures)))
            .ToList();
        var settlementValues = settlements.Select(s => ComputeSettlement(s.Input, s.Structures)).ToList();

        // Every ability gets a modifier so views never probe for a missing key; an unset score reads as 10 (+0).
        var abilityModifiers = Enum.GetValues<KingdomAbility>().ToDictionary(
            ability => ability,
            ability => RulesTables.AbilityModifier(kingdom.AbilityScores.GetValueOrDefault(ability, 10)));

        var allStructures = settlements.SelectMany(s => s.Structures).ToList();
        var baseCapacity = RulesTables.CommodityBaseCapacity(kingdom.SizeHexes);
        var capacity = Enum.GetValues<Commodity>().ToDictionary(
            commodity => commodity,
            commodity => baseCapacity + allStructures.Sum(s => s.Effects.Storage.GetValueOrDefault(commodity)));

        // Across settlements bonuses don't add up: the best single settlement counts.
        var kingdomBonuses = settlementValues
            .SelectMany(s => s.ItemBonuses)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Max(pair => pair.Value), StringComparer.Ordinal);

        return new KingdomDerivedValues(
            kingdom.KingdomId,
            abilityModifiers,
            new ResourceDice(
                RulesTables.ResourceDiceCount(kingdom.Level, kingdom.ResourceDiceBonus, kingdom.ResourceDicePenalty),
                RulesTables.ResourceDieSize(kingdom.SizeHexes)),
            RulesTables.ControlDc(kingdom.Level, kingdom.SizeHexes),
            RulesTables.UnrestPenalty(kingdom.Unrest),
            [.. Enum.GetValues<LeadershipSeat>().Where(kingdom.VacantSeats.Contains).Select(RulesTables.VacancyPenalty)],
            Math.Max(0, settlementValues.Sum(s => s.Consumption) - kingdom.FarmlandHexes),
            capacity,
            kingdomBonuses,
            settlementValues);
    }

    private static SettlementDerivedValues ComputeSettlement(
        SettlementRulesInput settlement,
        IReadOnlyList<StructureDefinition> structures)
    {
        var consumption = Math.Max(
            0,
            RulesTables.SettlementBaseConsumption(settlement.Type) - structures.Sum(s => s.Effects.ConsumptionReduction));
        var residentialLots = structures.Where(s => s.HasTrait(StructureTrait.Residential)).Sum(s => s.Lots);
        var maxItemBonus = RulesTables.MaxItemBonus(settlement.Type);

        // Structures of one settlement stack, but only up to the settlement's cap.
        var itemBonuses = structures
            .SelectMany(s => s.Effects.ItemBonuses)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(group => (Check: group.Key, Bonus: Math.Min(maxItemBonus, group.Sum(pair => pair.Value))))
            .Where(bonus => bonus.Bonus != 0)
            .ToDictionary(bonus => bonus.Check, bonus => bonus.Bonus, StringComparer.Ordinal);

        return new SettlementDerivedValues(
            settlement.SettlementId,
            consumption,
            settlement.OccupiedBlocks > residentialLots,
            residentialLots,
            maxItemBonus,
            itemBonuses);
    }

    private static List<StructureDefinition> Resolve(IEnumerable<StructureRulesInput> structures) =>
        [.. structures
            .Select(structure => StructureCatalogue.TryGet(structure.CatalogueKey, out var definition) ? definition : null)
            .OfType<StructureDefinition>()];
}
