using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;

namespace CampaignManager.Tests.Domain.Rules;

/// <summary>The demo kingdom of DOMAIN.md as rules input, plus helpers to apply one change at a time.</summary>
internal static class DemoKingdom
{
    public static readonly Guid CampaignId = new("0b9a6a8e-0000-4000-8000-000000000001");
    public static readonly Guid VellmarkId = new("0b9a6a8e-0000-4000-8000-000000000010");
    public static readonly Guid BrindleholdId = new("0b9a6a8e-0000-4000-8000-000000000100");
    public static readonly Guid TallowfordId = new("0b9a6a8e-0000-4000-8000-000000000200");
    public static readonly Guid GreywaterLandingId = new("0b9a6a8e-0000-4000-8000-000000000300");

    public static CampaignRulesInput Create() => new(CampaignId, [Vellmark()]);

    public static KingdomRulesInput Vellmark() => new(
        VellmarkId,
        Level: 3,
        SizeHexes: 12,
        AbilityScores: new Dictionary<KingdomAbility, int>
        {
            [KingdomAbility.Culture] = 14,
            [KingdomAbility.Economy] = 12,
            [KingdomAbility.Loyalty] = 14,
            [KingdomAbility.Stability] = 16,
        },
        Unrest: 3,
        ResourceDiceBonus: 0,
        ResourceDicePenalty: 0,
        FarmlandHexes: 2,
        VacantSeats: new HashSet<LeadershipSeat> { LeadershipSeat.Counselor },
        Settlements:
        [
            Settlement(BrindleholdId, SettlementType.Town, 2, "town-hall", "houses", "houses", "mill", "popular-tavern", "granary"),
            Settlement(TallowfordId, SettlementType.Village, 1, "houses", "lumberyard", "shrine"),
            Settlement(GreywaterLandingId, SettlementType.Village, 1, "inn"),
        ]);

    public static SettlementRulesInput Settlement(Guid id, SettlementType type, int blocks, params string[] structureKeys) =>
        new(id, type, blocks, [.. structureKeys.Select(key => new StructureRulesInput(Guid.NewGuid(), key))]);

    /// <summary>The demo campaign with the kingdom changed by <paramref name="change"/>.</summary>
    public static CampaignRulesInput WithKingdom(Func<KingdomRulesInput, KingdomRulesInput> change) =>
        new(CampaignId, [change(Vellmark())]);

    /// <summary>The demo campaign with one settlement changed by <paramref name="change"/>.</summary>
    public static CampaignRulesInput WithSettlement(Guid settlementId, Func<SettlementRulesInput, SettlementRulesInput> change) =>
        WithKingdom(kingdom => kingdom with
        {
            Settlements = [.. kingdom.Settlements.Select(s => s.SettlementId == settlementId ? change(s) : s)],
        });

    public static SettlementRulesInput AddStructures(this SettlementRulesInput settlement, params string[] keys) =>
        settlement with
        {
            Structures = [.. settlement.Structures, .. keys.Select(key => new StructureRulesInput(Guid.NewGuid(), key))],
        };

    public static SettlementRulesInput RemoveStructure(this SettlementRulesInput settlement, string key)
    {
        var index = settlement.Structures.ToList().FindIndex(s => s.CatalogueKey == key);
        if (index < 0)
        {
            throw new ArgumentException($"The settlement has no '{key}' to remove.", nameof(key));
        }

        return settlement with { Structures = [.. settlement.Structures.Where((_, i) => i != index)] };
    }

    public static KingdomDerivedValues Kingdom(this CampaignDerivedValues values) => values.Kingdoms.Single();

    public static SettlementDerivedValues Settlement(this CampaignDerivedValues values, Guid settlementId) =>
        values.Kingdom().Settlements.Single(s => s.SettlementId == settlementId);
}
