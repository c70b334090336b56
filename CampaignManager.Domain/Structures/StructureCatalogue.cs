using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;
using static CampaignManager.Domain.Structures.StructureTrait;

namespace CampaignManager.Domain.Structures;

/// <summary>
/// The Kingmaker-style structures a settlement can build, keyed by a stable string. Built structures store
/// only the key, so numbers here can be tuned without migrating data; keys must never change.
/// </summary>
public static class StructureCatalogue
{
    /// <summary>Every structure, in display order.</summary>
    public static IReadOnlyList<StructureDefinition> All { get; } = EquatableList<StructureDefinition>.From(
    [
        new("houses", "Houses", 1, 1, [Building, Residential], new() { UnrestWhenBuilt = -1 }),
        new("tenement", "Tenement", 0, 1, [Building, Residential], new() { UnrestWhenBuilt = 1 }),
        new("inn", "Inn", 1, 1, [Building, Residential], Bonus(KingdomChecks.HireAdventurers)),
        new("granary", "Granary", 1, 1, [Building], Stores(Commodity.Food)),
        new("shrine", "Shrine", 1, 1, [Building, Religious], Bonus(KingdomChecks.CelebrateHoliday)),
        new("wall-wooden", "Wooden Wall", 1, 0, [Infrastructure], new() { UnrestWhenBuilt = -1 }),
        new("mill", "Mill", 2, 1, [Building, Industrial], Bonus(KingdomChecks.HarvestCrops) with { ConsumptionReduction = 1 }),
        new("library", "Library", 2, 1, [Building], Bonus(KingdomChecks.RestAndRelax)),
        new("town-hall", "Town Hall", 2, 2, [Building, Edifice], new() { UnrestWhenBuilt = -1 }),
        new("storehouse", "Storehouse", 2, 1, [Building], Stores(Commodity.Lumber, Commodity.Ore, Commodity.Stone)),
        new("barracks", "Barracks", 3, 1, [Building, Residential],
            Bonus(KingdomChecks.GarrisonArmy, KingdomChecks.TrainArmy) with { UnrestWhenBuilt = -1 }),
        new("lumberyard", "Lumberyard", 3, 1, [Yard],
            Bonus(KingdomChecks.EstablishWorkSite) with { Storage = Stores(Commodity.Lumber).Storage }),
        new("popular-tavern", "Popular Tavern", 3, 1, [Building],
            Bonus(KingdomChecks.HireAdventurers, KingdomChecks.RestAndRelax) with { UnrestWhenBuilt = -1 }),
        new("smithy", "Smithy", 3, 1, [Building, Industrial], Bonus(KingdomChecks.TradeCommodities, KingdomChecks.OutfitArmy)),
        new("marketplace", "Marketplace", 4, 2, [Building, Residential], Bonus(KingdomChecks.EstablishTradeAgreement)),
        new("temple", "Temple", 7, 2, [Building, Religious],
            Bonus(KingdomChecks.CelebrateHoliday, KingdomChecks.ProvideCare) with { UnrestWhenBuilt = -1 }),
    ]);

    private static readonly FrozenDictionary<string, StructureDefinition> ByKey =
        All.ToFrozenDictionary(definition => definition.Key, StringComparer.Ordinal);

    /// <summary>Looks a structure up by key; false for an unknown (or null) key.</summary>
    public static bool TryGet(string? key, [MaybeNullWhen(false)] out StructureDefinition definition)
    {
        if (key is null)
        {
            definition = null;
            return false;
        }

        return ByKey.TryGetValue(key, out definition);
    }

    /// <summary>Looks a structure up by key.</summary>
    /// <exception cref="KeyNotFoundException">No structure has <paramref name="key"/>.</exception>
    public static StructureDefinition Get(string key) =>
        TryGet(key, out var definition)
            ? definition
            : throw new KeyNotFoundException(
                $"The structure catalogue has no structure with key '{key}'. Known keys: {string.Join(", ", ByKey.Keys.Order(StringComparer.Ordinal))}.");

    // Every bonus in this catalogue is +1; settlement caps (+1 to +3) come from stacking several structures.
    private static StructureEffects Bonus(params string[] checks) =>
        new() { ItemBonuses = checks.ToDictionary(check => check, _ => 1) };

    private static StructureEffects Stores(params Commodity[] commodities) =>
        new() { Storage = commodities.ToDictionary(commodity => commodity, _ => 1) };
}
