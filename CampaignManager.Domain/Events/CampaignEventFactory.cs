using System.Text.Json;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;

namespace CampaignManager.Domain.Events;

/// <summary>
/// Turns a command's recorded changes into the events of each audience. Game masters get every
/// change as it happened. Players and observers get what they may see: a change of something
/// hidden is left out, something that became hidden arrives as a delete, something revealed as a
/// create, and GM-only variables are missing from snapshots.
/// </summary>
internal sealed class CampaignEventFactory(Campaign campaign, Actor actor, DateTimeOffset timestamp)
{
    private static readonly Visibility[] Audiences = [Visibility.GameMasters, Visibility.Everyone];

    private readonly EventMetadata _metadata = new(actor.UserId, actor.DisplayName, actor.Source, actor.CorrelationId);

    /// <summary>Builds the envelopes; sequences continue each audience's stream from the given last values.</summary>
    public IReadOnlyList<CampaignEvent> Build(
        IReadOnlyList<DomainChange> changes,
        IReadOnlyDictionary<Visibility, IReadOnlyList<DerivedValuesChange>> derivedChanges,
        IReadOnlyDictionary<Visibility, CampaignDerivedValues> derived,
        string reason,
        long lastGameMasterSequence,
        long lastPlayerSequence)
    {
        var rows = new List<CampaignEvent>();
        foreach (var audience in Audiences)
        {
            var sequence = audience == Visibility.GameMasters ? lastGameMasterSequence : lastPlayerSequence;
            var access = new CampaignAccess(campaign.Id, audience == Visibility.GameMasters ? CampaignRole.GameMaster : CampaignRole.Player, IsAdmin: false);
            foreach (var change in changes)
            {
                if (ForAudience(change, audience) is { } operation)
                {
                    rows.Add(Row(audience, ++sequence, Envelope(change, operation, access, audience)));
                }
            }

            if (derivedChanges.GetValueOrDefault(audience) is { Count: > 0 } stale)
            {
                rows.Add(Row(audience, ++sequence, Invalidated(stale, derived[audience], reason, audience)));
            }
        }

        return rows;
    }

    /// <summary>The operation this audience sees, or null when it must not hear of the change.</summary>
    internal static string? ForAudience(DomainChange change, Visibility audience)
    {
        var operation = change.Operation switch
        {
            ChangeOperation.Create => EventOperations.Create,
            ChangeOperation.Delete => EventOperations.Delete,
            _ => EventOperations.Update,
        };
        if (audience == Visibility.GameMasters)
        {
            return operation;
        }

        var visibleBefore = change.Operation != ChangeOperation.Create && change.PreviousVisibility == Visibility.Everyone;
        var visibleAfter = change.Operation != ChangeOperation.Delete && change.Visibility == Visibility.Everyone;
        return (visibleBefore, visibleAfter) switch
        {
            (false, false) => null,
            (false, true) => EventOperations.Create,
            (true, false) => EventOperations.Delete,
            _ => operation,
        };
    }

    private CampaignEventEnvelope Envelope(DomainChange change, string operation, CampaignAccess access, Visibility audience)
    {
        var fields = operation == EventOperations.Update ? change.ChangedFields : [];
        var rooms = new List<string> { RoomNames.Campaign(campaign.Id) };
        string type;
        object payload;
        switch (change.EntityType)
        {
            case DomainChange.EntityTypes.Settlement:
                type = CampaignEventNames.SettlementUpdated;
                rooms.Add(RoomNames.Settlement(change.EntityId));
                payload = new SettlementUpdatedPayload(operation, change.EntityId, change.KingdomId ?? Guid.Empty, fields, change.Summary,
                    operation == EventOperations.Delete ? null : SettlementSnapshot(change.EntityId, access, withChildren: operation == EventOperations.Create));
                break;
            case DomainChange.EntityTypes.Structure:
                type = CampaignEventNames.StructureUpdated;
                rooms.Add(RoomNames.Settlement(change.SettlementId ?? Guid.Empty));
                rooms.Add(RoomNames.Structure(change.EntityId));
                payload = new StructureUpdatedPayload(operation, change.EntityId, change.SettlementId ?? Guid.Empty, fields, change.Summary,
                    operation == EventOperations.Delete ? null : StructureSnapshot(change.EntityId, access));
                break;
            case DomainChange.EntityTypes.WorldTime:
                type = CampaignEventNames.WorldTimeChanged;
                var time = change.WorldTime!;
                payload = new WorldTimeChangedPayload(time.PreviousWorldTime, time.NewWorldTime, time.ElapsedSeconds,
                    campaign.Calendar.Describe(time.NewWorldTime).ToString(), time.KingdomTurnsDue, change.Summary, campaign.Revision);
                break;
            default:
                type = CampaignEventNames.EntityUpdated;
                var deleted = operation == EventOperations.Delete;
                payload = new EntityUpdatedPayload(change.EntityType, change.EntityId, operation, fields, change.Summary,
                    Campaign: change.EntityType == DomainChange.EntityTypes.Campaign && !deleted ? new CampaignSnapshot(campaign.Id, campaign.Name, campaign.Description, campaign.Calendar, campaign.Revision) : null,
                    Kingdom: change.EntityType == DomainChange.EntityTypes.Kingdom && !deleted ? KingdomSnapshot(change.EntityId, access, withChildren: operation == EventOperations.Create) : null,
                    Member: change.EntityType == DomainChange.EntityTypes.Member && !deleted ? MemberSnapshot(change.EntityId) : null);
                break;
        }

        return new CampaignEventEnvelope(type, Guid.CreateVersion7(), campaign.Id, 0, timestamp, rooms,
            audience == Visibility.GameMasters ? change.Visibility : Visibility.Everyone, _metadata,
            JsonSerializer.SerializeToElement(payload, payload.GetType(), CampaignEventJson.Options));
    }

    private CampaignEventEnvelope Invalidated(IReadOnlyList<DerivedValuesChange> stale, CampaignDerivedValues values, string reason, Visibility audience)
    {
        var ids = stale.Select(c => c.EntityId).ToHashSet();
        var kingdoms = values.Kingdoms.Where(k => ids.Contains(k.KingdomId)).ToList();
        var settlements = values.Kingdoms.SelectMany(k => k.Settlements).Where(s => ids.Contains(s.SettlementId)).ToList();
        var rooms = new List<string> { RoomNames.Campaign(campaign.Id) };
        rooms.AddRange(stale.Where(c => c.Scope == DerivedValuesChange.SettlementScope).Select(c => RoomNames.Settlement(c.EntityId)));
        var scope = stale.Any(c => c.Scope == DerivedValuesChange.KingdomScope) ? "kingdom" : "settlement";
        var payload = new StateInvalidatedPayload(scope, [.. ids], reason, stale, kingdoms, settlements);
        return new CampaignEventEnvelope(CampaignEventNames.StateInvalidated, Guid.CreateVersion7(), campaign.Id, 0, timestamp, rooms,
            audience, _metadata, JsonSerializer.SerializeToElement(payload, CampaignEventJson.Options));
    }

    private CampaignEvent Row(Visibility audience, long sequence, CampaignEventEnvelope envelope)
    {
        var sequenced = envelope with { Sequence = sequence };
        return new CampaignEvent
        {
            Id = sequenced.Id,
            CampaignId = campaign.Id,
            Audience = audience,
            Sequence = sequence,
            Type = sequenced.Type,
            Timestamp = timestamp,
            Envelope = sequenced.ToJson(),
            Built = sequenced,
        };
    }

    // Updates carry the entity alone (children have their own events). A create carries its visible
    // children too: for a player, "created" may mean "revealed", with everything already built in it.
    private SettlementView? SettlementSnapshot(Guid id, CampaignAccess access, bool withChildren)
    {
        foreach (var kingdom in campaign.Kingdoms)
        {
            if (kingdom.Settlements.FirstOrDefault(s => s.Id == id) is { } settlement)
            {
                var view = CampaignViews.Settlement(settlement, kingdom, access, derived: null);
                return withChildren ? view : view with { Structures = [] };
            }
        }

        return null;
    }

    private StructureView? StructureSnapshot(Guid id, CampaignAccess access) =>
        campaign.Kingdoms.SelectMany(k => k.Settlements).SelectMany(s => s.Structures)
            .Where(s => s.Id == id).Select(s => CampaignViews.Structure(s, access)).FirstOrDefault();

    private KingdomView? KingdomSnapshot(Guid id, CampaignAccess access, bool withChildren) =>
        campaign.Kingdoms.Where(k => k.Id == id)
            .Select(k => CampaignViews.Kingdom(k, access, new CampaignDerivedValues(campaign.Id, [])))
            .Select(k => withChildren ? k : k with { Settlements = [] })
            .FirstOrDefault();

    private MemberView? MemberSnapshot(Guid id) =>
        campaign.Members.Where(m => m.Id == id)
            .Select(m => new MemberView(m.Id, m.UserId, m.DisplayName, m.Email, m.Role, m.Revision)).FirstOrDefault();
}
