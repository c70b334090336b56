namespace CampaignManager.Domain.Events;

/// <summary>The wire names of events: Redis payloads, hub client methods and the event log use only these.</summary>
public static class CampaignEventNames
{
    public const string EntityUpdated = "entity_updated";
    public const string SettlementUpdated = "settlement_updated";
    public const string StructureUpdated = "structure_updated";
    public const string WorldTimeChanged = "world_time_changed";
    public const string StateInvalidated = "state_invalidated";

    public static IReadOnlyList<string> All { get; } = [EntityUpdated, SettlementUpdated, StructureUpdated, WorldTimeChanged, StateInvalidated];
}
