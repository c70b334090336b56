using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Structures;

/// <summary>A partial update: null leaves a field as it is.</summary>
public sealed record StructureUpdate(
    string? Name = null,
    string? CatalogueKey = null,
    int? Level = null,
    int? Block = null,
    Visibility? Visibility = null);
