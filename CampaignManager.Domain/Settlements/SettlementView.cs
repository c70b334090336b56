using CampaignManager.Domain.Common;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;

namespace CampaignManager.Domain.Settlements;

public sealed record SettlementView(
    Guid Id,
    Guid KingdomId,
    Guid CampaignId,
    string KingdomName,
    string Name,
    SettlementType Type,
    int Level,
    int Population,
    int OccupiedBlocks,
    bool IsCapital,
    Visibility Visibility,
    long Revision,
    IReadOnlyList<VariableView> Variables,
    SettlementDerivedValues? Derived,
    IReadOnlyList<StructureView> Structures);
