using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;

namespace CampaignManager.Domain.Rules;

// Plain inputs of the rules engine: the engine never sees EF entities, so it stays pure and
// can be tested (and benchmarked) without a database.

/// <summary>Everything the rules engine reads about one campaign.</summary>
public sealed record CampaignRulesInput(Guid CampaignId, IReadOnlyList<KingdomRulesInput> Kingdoms);

/// <summary>The stored values of a kingdom that derived values depend on.</summary>
public sealed record KingdomRulesInput(
    Guid KingdomId,
    int Level,
    int SizeHexes,
    IReadOnlyDictionary<KingdomAbility, int> AbilityScores,
    int Unrest,
    int ResourceDiceBonus,
    int ResourceDicePenalty,
    int FarmlandHexes,
    IReadOnlySet<LeadershipSeat> VacantSeats,
    IReadOnlyList<SettlementRulesInput> Settlements);

/// <summary>The stored values of a settlement that derived values depend on.</summary>
public sealed record SettlementRulesInput(
    Guid SettlementId,
    SettlementType Type,
    int OccupiedBlocks,
    IReadOnlyList<StructureRulesInput> Structures);

/// <summary>A built structure; <paramref name="CatalogueKey"/> names its <c>StructureCatalogue</c> entry.</summary>
public sealed record StructureRulesInput(Guid StructureId, string CatalogueKey);
