using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;

namespace CampaignManager.Domain.Events;

// The payloads of the five event types (ARCHITECTURE.md §4). Snapshots are the state after the
// change as the event's audience may see it; a delete carries none.

/// <summary><c>entity_updated</c>: campaign, kingdom or member. Exactly one snapshot is set, matching <see cref="EntityType"/>.</summary>
public sealed record EntityUpdatedPayload(
    string EntityType,
    Guid EntityId,
    string Operation,
    IReadOnlyList<string> ChangedFields,
    string Summary,
    CampaignSnapshot? Campaign = null,
    KingdomView? Kingdom = null,
    MemberView? Member = null);

public sealed record CampaignSnapshot(Guid Id, string Name, string Description, Calendars.Calendar Calendar, long Revision);

/// <summary><c>settlement_updated</c>; the snapshot's structure list is empty (structures have their own events).</summary>
public sealed record SettlementUpdatedPayload(
    string Operation,
    Guid SettlementId,
    Guid KingdomId,
    IReadOnlyList<string> ChangedFields,
    string Summary,
    SettlementView? Settlement);

/// <summary><c>structure_updated</c>.</summary>
public sealed record StructureUpdatedPayload(
    string Operation,
    Guid StructureId,
    Guid SettlementId,
    IReadOnlyList<string> ChangedFields,
    string Summary,
    StructureView? Structure);

/// <summary><c>world_time_changed</c>; <see cref="Date"/> is the calendar line at the new time.</summary>
public sealed record WorldTimeChangedPayload(
    long PreviousWorldTime,
    long NewWorldTime,
    long ElapsedSeconds,
    string Date,
    IReadOnlyList<long> KingdomTurnsDue,
    string Summary,
    long CampaignRevision);

/// <summary><c>state_invalidated</c>: derived values that a change made stale, with their new values.</summary>
public sealed record StateInvalidatedPayload(
    string Scope,
    IReadOnlyList<Guid> EntityIds,
    string Reason,
    IReadOnlyList<DerivedValuesChange> Changes,
    IReadOnlyList<KingdomDerivedValues> Kingdoms,
    IReadOnlyList<SettlementDerivedValues> Settlements);

public static class EventOperations
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
}
