using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Kingdoms;

/// <summary>
/// A partial update: null leaves a field as it is. In <see cref="Leadership"/> a seat mapped to an
/// empty name becomes vacant; seats not named stay as they are. <see cref="Commodities"/> and
/// <see cref="WorkSites"/> likewise change only the entries named.
/// </summary>
public sealed record KingdomUpdate(
    string? Name = null,
    int? Level = null,
    int? SizeHexes = null,
    int? Culture = null,
    int? Economy = null,
    int? Loyalty = null,
    int? Stability = null,
    int? Unrest = null,
    int? Corruption = null,
    int? Crime = null,
    int? Decay = null,
    int? Strife = null,
    int? ResourceDiceBonus = null,
    int? ResourceDicePenalty = null,
    int? FarmlandHexes = null,
    IReadOnlyDictionary<Commodity, int>? Commodities = null,
    IReadOnlyDictionary<string, int>? WorkSites = null,
    IReadOnlyDictionary<LeadershipSeat, string?>? Leadership = null,
    Visibility? Visibility = null);
