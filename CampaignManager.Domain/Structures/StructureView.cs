using CampaignManager.Domain.Common;
using CampaignManager.Domain.Variables;

namespace CampaignManager.Domain.Structures;

public sealed record StructureView(
    Guid Id,
    Guid SettlementId,
    string Name,
    string CatalogueKey,
    string CatalogueName,
    int Level,
    int Block,
    int Lots,
    IReadOnlyList<string> Traits,
    Visibility Visibility,
    long Revision,
    IReadOnlyList<VariableView> Variables);
