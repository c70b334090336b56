using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;

namespace CampaignManager.Domain.Campaigns;

/// <summary>Maps a loaded campaign to what one viewer may see. The single place visibility is applied to reads.</summary>
internal static class CampaignViews
{
    public static CampaignView Campaign(Campaign campaign, CampaignAccess access, CampaignDerivedValues derived) => new(
        campaign.Id,
        campaign.Name,
        campaign.Description,
        campaign.WorldTime,
        campaign.Calendar,
        campaign.Calendar.Describe(campaign.WorldTime),
        // Players never learn the game masters' counter (it would tell how many hidden changes happened).
        access.Audience == Visibility.GameMasters ? campaign.EventSequence : campaign.PlayerEventSequence,
        access.Audience == Visibility.GameMasters ? campaign.EventSequence : campaign.PlayerEventSequence,
        campaign.Revision,
        access,
        campaign.Members.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName)
            .Select(m => new MemberView(m.Id, m.UserId, m.DisplayName, m.Email, m.Role, m.Revision)).ToList(),
        campaign.Kingdoms.Where(k => access.CanSee(k.Visibility)).OrderBy(k => k.Name)
            .Select(k => Kingdom(k, access, derived)).ToList());

    public static KingdomView Kingdom(Kingdom kingdom, CampaignAccess access, CampaignDerivedValues derived)
    {
        var kingdomDerived = derived.Kingdoms.FirstOrDefault(d => d.KingdomId == kingdom.Id);
        return new KingdomView(
            kingdom.Id,
            kingdom.CampaignId,
            kingdom.Name,
            kingdom.Level,
            kingdom.SizeHexes,
            Enum.GetValues<KingdomAbility>().ToDictionary(a => a, kingdom.AbilityScore),
            kingdom.Unrest,
            kingdom.Corruption,
            kingdom.Crime,
            kingdom.Decay,
            kingdom.Strife,
            kingdom.ResourceDiceBonus,
            kingdom.ResourceDicePenalty,
            kingdom.FarmlandHexes,
            new Dictionary<Commodity, int>(kingdom.Commodities),
            new Dictionary<string, int>(kingdom.WorkSites),
            Enum.GetValues<LeadershipSeat>().ToDictionary(s => s, s => kingdom.Leadership.GetValueOrDefault(s)),
            kingdom.Visibility,
            kingdom.Revision,
            kingdomDerived,
            kingdom.Settlements.Where(s => access.CanSee(s.Visibility))
                .OrderByDescending(s => s.IsCapital).ThenBy(s => s.Name)
                .Select(s => Settlement(s, kingdom, access, kingdomDerived)).ToList());
    }

    public static SettlementView Settlement(Settlement settlement, Kingdom kingdom, CampaignAccess access, KingdomDerivedValues? derived) => new(
        settlement.Id,
        kingdom.Id,
        kingdom.CampaignId,
        kingdom.Name,
        settlement.Name,
        settlement.Type,
        settlement.Level,
        settlement.Population,
        settlement.OccupiedBlocks,
        settlement.IsCapital,
        settlement.Visibility,
        settlement.Revision,
        VariableView.Visible(settlement, access),
        derived?.Settlements.FirstOrDefault(d => d.SettlementId == settlement.Id),
        settlement.Structures.Where(s => access.CanSee(s.Visibility)).OrderBy(s => s.Block).ThenBy(s => s.Name)
            .Select(s => Structure(s, access)).ToList());

    public static StructureView Structure(Structure structure, CampaignAccess access)
    {
        StructureCatalogue.TryGet(structure.CatalogueKey, out var definition);
        return new StructureView(
            structure.Id,
            structure.SettlementId,
            structure.Name,
            structure.CatalogueKey,
            definition?.Name ?? structure.CatalogueKey,
            structure.Level,
            structure.Block,
            definition?.Lots ?? 1,
            definition?.Traits.Select(t => t.ToString()).ToList() ?? [],
            structure.Visibility,
            structure.Revision,
            VariableView.Visible(structure, access));
    }
}
