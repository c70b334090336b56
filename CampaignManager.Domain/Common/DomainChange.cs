using CampaignManager.Domain.WorldTime;

namespace CampaignManager.Domain.Common;

/// <summary>
/// One committed change of one entity, as a command recorded it: the raw material of the
/// real-time events. <see cref="Visibility"/> is who may see the entity after the change and
/// <see cref="PreviousVisibility"/> before it (null for a create), both including the parents'
/// visibility: a structure in a GM-only settlement is GM-only too.
/// </summary>
public sealed record DomainChange(
    string EntityType,
    Guid EntityId,
    ChangeOperation Operation,
    IReadOnlyList<string> ChangedFields,
    Visibility Visibility,
    Visibility? PreviousVisibility,
    string Summary)
{
    public Guid? KingdomId { get; init; }

    public Guid? SettlementId { get; init; }

    /// <summary>Set for a world-clock change.</summary>
    public WorldTimeChange? WorldTime { get; init; }

    public static class EntityTypes
    {
        public const string Campaign = "campaign";
        public const string Member = "member";
        public const string Kingdom = "kingdom";
        public const string Settlement = "settlement";
        public const string Structure = "structure";
        public const string WorldTime = "worldTime";
    }
}
