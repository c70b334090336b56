using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;

namespace CampaignManager.Domain.Structures;

/// <summary>What a structure contributes to the derived values of its settlement and kingdom.</summary>
public sealed record StructureEffects
{
    /// <summary>A structure with no mechanical effect.</summary>
    public static StructureEffects None { get; } = new();

    /// <summary>Item bonuses by kingdom check name (see <see cref="KingdomChecks"/>), capped per settlement by the engine.</summary>
    public IReadOnlyDictionary<string, int> ItemBonuses
    {
        get;
        init => field = EquatableDictionary<string, int>.From(value);
    } = EquatableDictionary<string, int>.Empty;

    /// <summary>How much the structure lowers its settlement's consumption.</summary>
    public int ConsumptionReduction { get; init; }

    /// <summary>Extra commodity capacity the structure adds to its kingdom.</summary>
    public IReadOnlyDictionary<Commodity, int> Storage
    {
        get;
        init => field = EquatableDictionary<Commodity, int>.From(value);
    } = EquatableDictionary<Commodity, int>.Empty;

    /// <summary>Unrest change when the structure is built; negative values calm the kingdom.</summary>
    public int UnrestWhenBuilt { get; init; }
}
