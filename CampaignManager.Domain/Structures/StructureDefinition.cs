using CampaignManager.Domain.Rules;

namespace CampaignManager.Domain.Structures;

/// <summary>One entry of the <see cref="StructureCatalogue"/>: what a type of structure is and does.</summary>
/// <param name="Key">Stable identifier stored on built structures; never rename one that is in use.</param>
/// <param name="Name">Display name.</param>
/// <param name="Level">Kingdom level needed to build it.</param>
/// <param name="Lots">Lots it fills in a block (0 for infrastructure).</param>
/// <param name="Traits">Its traits.</param>
/// <param name="Effects">What it contributes to derived values.</param>
public sealed record StructureDefinition(
    string Key,
    string Name,
    int Level,
    int Lots,
    IReadOnlyList<StructureTrait> Traits,
    StructureEffects Effects)
{
    /// <summary>The structure's traits, compared by content.</summary>
    public IReadOnlyList<StructureTrait> Traits { get; init => field = EquatableList<StructureTrait>.From(value); } =
        EquatableList<StructureTrait>.From(Traits);

    /// <summary>Whether the structure has <paramref name="trait"/>.</summary>
    public bool HasTrait(StructureTrait trait) => Traits.Contains(trait);
}
