namespace CampaignManager.Domain.Common;

/// <summary>
/// One committed change of one entity, as a command recorded it: the raw material of the
/// real-time events. <see cref="Visibility"/> is the entity's visibility after the change, and
/// <see cref="PreviousVisibility"/> before it (null for a create).
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
