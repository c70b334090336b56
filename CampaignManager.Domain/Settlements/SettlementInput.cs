using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Settlements;

public sealed record SettlementInput(
    string Name,
    SettlementType Type = SettlementType.Village,
    int Level = 1,
    int Population = 0,
    int OccupiedBlocks = 1,
    bool IsCapital = false,
    Visibility Visibility = Visibility.Everyone);
