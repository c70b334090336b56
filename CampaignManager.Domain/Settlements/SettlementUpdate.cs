using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Settlements;

/// <summary>A partial update: null leaves a field as it is.</summary>
public sealed record SettlementUpdate(
    string? Name = null,
    SettlementType? Type = null,
    int? Level = null,
    int? Population = null,
    int? OccupiedBlocks = null,
    bool? IsCapital = null,
    Visibility? Visibility = null);
