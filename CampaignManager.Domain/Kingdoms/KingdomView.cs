using CampaignManager.Domain.Common;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;

namespace CampaignManager.Domain.Kingdoms;

public sealed record KingdomView(
    Guid Id,
    Guid CampaignId,
    string Name,
    int Level,
    int SizeHexes,
    IReadOnlyDictionary<KingdomAbility, int> AbilityScores,
    int Unrest,
    int Corruption,
    int Crime,
    int Decay,
    int Strife,
    int ResourceDiceBonus,
    int ResourceDicePenalty,
    int FarmlandHexes,
    IReadOnlyDictionary<Commodity, int> Commodities,
    IReadOnlyDictionary<string, int> WorkSites,
    IReadOnlyDictionary<LeadershipSeat, string?> Leadership,
    Visibility Visibility,
    long Revision,
    KingdomDerivedValues? Derived,
    IReadOnlyList<SettlementView> Settlements);
