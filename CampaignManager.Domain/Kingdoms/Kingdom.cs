using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Settlements;

namespace CampaignManager.Domain.Kingdoms;

/// <summary>A kingdom run by the players: scores, unrest, ruins, commodities and leadership.</summary>
public sealed class Kingdom : IVersionedEntity
{
    public const int RuinThreshold = 10;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CampaignId { get; init; }

    public required string Name { get; set; }

    public int Level { get; set; } = 1;

    public int SizeHexes { get; set; } = 1;

    public int Culture { get; set; } = 10;

    public int Economy { get; set; } = 10;

    public int Loyalty { get; set; } = 10;

    public int Stability { get; set; } = 10;

    public int Unrest { get; set; }

    public int Corruption { get; set; }

    public int Crime { get; set; }

    public int Decay { get; set; }

    public int Strife { get; set; }

    public int ResourceDiceBonus { get; set; }

    public int ResourceDicePenalty { get; set; }

    public int FarmlandHexes { get; set; }

    /// <summary>Stock per commodity.</summary>
    public Dictionary<Commodity, int> Commodities { get; set; } = [];

    /// <summary>Work sites per kind, e.g. "Lumber camp" → 1.</summary>
    public Dictionary<string, int> WorkSites { get; set; } = [];

    /// <summary>Who fills each seat; a seat that is missing or empty is vacant.</summary>
    public Dictionary<LeadershipSeat, string> Leadership { get; set; } = [];

    public Visibility Visibility { get; set; }

    public long Revision { get; set; }

    public Campaign Campaign { get; init; } = null!;

    public List<Settlement> Settlements { get; init; } = [];

    public int AbilityScore(KingdomAbility ability) => ability switch
    {
        KingdomAbility.Culture => Culture,
        KingdomAbility.Economy => Economy,
        KingdomAbility.Loyalty => Loyalty,
        KingdomAbility.Stability => Stability,
        _ => throw new ArgumentOutOfRangeException(nameof(ability)),
    };

    public IReadOnlySet<LeadershipSeat> VacantSeats() =>
        Enum.GetValues<LeadershipSeat>()
            .Where(seat => !Leadership.TryGetValue(seat, out var leader) || string.IsNullOrWhiteSpace(leader))
            .ToHashSet();
}
