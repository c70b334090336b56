namespace CampaignManager.Domain.Events;

/// <summary>Room names: <c>campaign:{id}</c>, <c>settlement:{id}</c>, <c>structure:{id}</c>.</summary>
public static class RoomNames
{
    public const string CampaignPrefix = "campaign:";
    public const string SettlementPrefix = "settlement:";
    public const string StructurePrefix = "structure:";

    public static string Campaign(Guid id) => CampaignPrefix + id.ToString("D");

    public static string Settlement(Guid id) => SettlementPrefix + id.ToString("D");

    public static string Structure(Guid id) => StructurePrefix + id.ToString("D");
}
