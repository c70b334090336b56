using System.Text.Json;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>
/// Applies one event to a campaign view: pure, and idempotent (an event applied twice gives the same
/// view), so a replay that overlaps what a fresh load already contains does no harm.
/// </summary>
public static class CampaignEventReducer
{
    public static CampaignView Apply(CampaignView view, CampaignEventEnvelope envelope)
    {
        var applied = envelope.Type switch
        {
            CampaignEventNames.SettlementUpdated => ApplySettlement(view, Read<SettlementUpdatedPayload>(envelope)),
            CampaignEventNames.StructureUpdated => ApplyStructure(view, Read<StructureUpdatedPayload>(envelope)),
            CampaignEventNames.WorldTimeChanged => ApplyWorldTime(view, Read<WorldTimeChangedPayload>(envelope)),
            CampaignEventNames.StateInvalidated => ApplyDerived(view, Read<StateInvalidatedPayload>(envelope)),
            CampaignEventNames.EntityUpdated => ApplyEntity(view, Read<EntityUpdatedPayload>(envelope)),
            _ => view,
        };
        return applied with { StreamSequence = Math.Max(view.StreamSequence, envelope.Sequence) };
    }

    /// <summary>The ids an event changed, for the brief highlight.</summary>
    public static IEnumerable<Guid> ChangedIds(CampaignEventEnvelope envelope) => envelope.Type switch
    {
        CampaignEventNames.SettlementUpdated => [Read<SettlementUpdatedPayload>(envelope).SettlementId],
        CampaignEventNames.StructureUpdated => [Read<StructureUpdatedPayload>(envelope).StructureId],
        CampaignEventNames.EntityUpdated => [Read<EntityUpdatedPayload>(envelope).EntityId],
        CampaignEventNames.StateInvalidated => Read<StateInvalidatedPayload>(envelope).EntityIds,
        CampaignEventNames.WorldTimeChanged => [envelope.CampaignId],
        _ => [],
    };

    public static T Read<T>(CampaignEventEnvelope envelope) =>
        envelope.Payload.Deserialize<T>(CampaignEventJson.Options) ?? throw new JsonException($"A {envelope.Type} event has no payload.");

    private static CampaignView ApplySettlement(CampaignView view, SettlementUpdatedPayload payload)
    {
        var kingdoms = view.Kingdoms.Select(kingdom =>
        {
            var without = kingdom.Settlements.Where(s => s.Id != payload.SettlementId).ToList();
            if (payload.Settlement is not { } snapshot || kingdom.Id != payload.KingdomId)
            {
                return without.Count == kingdom.Settlements.Count ? kingdom : kingdom with { Settlements = without };
            }

            // An update's snapshot carries no structures and no derived values: keep the ones we have.
            // A create (or reveal) brings its structures along.
            var existing = kingdom.Settlements.FirstOrDefault(s => s.Id == payload.SettlementId);
            var merged = snapshot with { Structures = existing?.Structures ?? snapshot.Structures, Derived = existing?.Derived ?? snapshot.Derived };
            without.Add(merged);
            return kingdom with { Settlements = Order(without) };
        }).ToList();
        return view with { Kingdoms = kingdoms };
    }

    private static CampaignView ApplyStructure(CampaignView view, StructureUpdatedPayload payload) =>
        view with
        {
            Kingdoms = view.Kingdoms.Select(kingdom => kingdom with
            {
                Settlements = kingdom.Settlements.Select(settlement =>
                {
                    var without = settlement.Structures.Where(s => s.Id != payload.StructureId).ToList();
                    if (payload.Structure is { } snapshot && settlement.Id == payload.SettlementId)
                    {
                        without.Add(snapshot);
                        return settlement with { Structures = without.OrderBy(s => s.Block).ThenBy(s => s.Name).ToList() };
                    }

                    return without.Count == settlement.Structures.Count ? settlement : settlement with { Structures = without };
                }).ToList(),
            }).ToList(),
        };

    private static CampaignView ApplyWorldTime(CampaignView view, WorldTimeChangedPayload payload) =>
        view with { WorldTime = payload.NewWorldTime, Date = view.Calendar.Describe(payload.NewWorldTime), Revision = payload.CampaignRevision };

    private static CampaignView ApplyDerived(CampaignView view, StateInvalidatedPayload payload) =>
        view with
        {
            Kingdoms = view.Kingdoms.Select(kingdom =>
            {
                var kingdomValues = payload.Kingdoms.FirstOrDefault(k => k.KingdomId == kingdom.Id) ?? kingdom.Derived;
                return kingdom with
                {
                    Derived = kingdomValues,
                    Settlements = kingdom.Settlements.Select(settlement =>
                        payload.Settlements.FirstOrDefault(s => s.SettlementId == settlement.Id) is { } values
                            ? settlement with { Derived = values }
                            : settlement).ToList(),
                };
            }).ToList(),
        };

    private static CampaignView ApplyEntity(CampaignView view, EntityUpdatedPayload payload)
    {
        switch (payload.EntityType)
        {
            case "campaign" when payload.Campaign is { } campaign:
                return view with
                {
                    Name = campaign.Name,
                    Description = campaign.Description,
                    Calendar = campaign.Calendar,
                    Date = campaign.Calendar.Describe(view.WorldTime),
                    Revision = campaign.Revision,
                };
            case "kingdom":
                var others = view.Kingdoms.Where(k => k.Id != payload.EntityId).ToList();
                if (payload.Kingdom is { } kingdom)
                {
                    var existing = view.Kingdoms.FirstOrDefault(k => k.Id == payload.EntityId);
                    others.Add(kingdom with { Settlements = existing?.Settlements ?? kingdom.Settlements, Derived = existing?.Derived ?? kingdom.Derived });
                }

                return view with { Kingdoms = others.OrderBy(k => k.Name).ToList() };
            case "member":
                var members = view.Members.Where(m => m.Id != payload.EntityId).ToList();
                if (payload.Member is { } member)
                {
                    members.Add(member);
                }

                return view with { Members = members.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName).ToList() };
            default:
                return view;
        }
    }

    private static List<SettlementView> Order(IEnumerable<SettlementView> settlements) =>
        settlements.OrderByDescending(s => s.IsCapital).ThenBy(s => s.Name).ToList();
}
