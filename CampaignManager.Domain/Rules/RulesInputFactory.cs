using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;

namespace CampaignManager.Domain.Rules;

/// <summary>Turns a loaded campaign into rules input as one audience sees it.</summary>
internal static class RulesInputFactory
{
    // Players' derived values are computed from what players can see: a GM-only settlement must
    // not show up even as a food-consumption total (see docs/decisions/ADR-002).
    public static CampaignRulesInput From(Campaign campaign, Visibility audience)
    {
        bool Visible(Visibility v) => v == Visibility.Everyone || audience == Visibility.GameMasters;

        return new CampaignRulesInput(
            campaign.Id,
            campaign.Kingdoms.Where(k => Visible(k.Visibility)).OrderBy(k => k.Id).Select(k => new KingdomRulesInput(
                k.Id,
                k.Level,
                k.SizeHexes,
                Enum.GetValues<KingdomAbility>().ToDictionary(a => a, k.AbilityScore),
                k.Unrest,
                k.ResourceDiceBonus,
                k.ResourceDicePenalty,
                k.FarmlandHexes,
                k.VacantSeats(),
                k.Settlements.Where(s => Visible(s.Visibility)).OrderBy(s => s.Id).Select(s => new SettlementRulesInput(
                    s.Id,
                    s.Type,
                    s.OccupiedBlocks,
                    s.Structures.Where(t => Visible(t.Visibility)).OrderBy(t => t.Id)
                        .Select(t => new StructureRulesInput(t.Id, t.CatalogueKey)).ToList())).ToList())).ToList());
    }
}
