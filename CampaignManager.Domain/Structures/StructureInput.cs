using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Structures;

/// <summary>A structure to build; <paramref name="Name"/> defaults to the catalogue's name.</summary>
public sealed record StructureInput(
    string CatalogueKey,
    string? Name = null,
    int? Level = null,
    int Block = 1,
    Visibility Visibility = Visibility.Everyone);
