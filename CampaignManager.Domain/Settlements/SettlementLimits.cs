using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Settlements;

internal static class SettlementLimits
{
    public const int MaxLevel = 20;
    public const int MaxPopulation = 10_000_000;
    public const int MaxBlocks = 36;

    public static void Validate(Validator v, SettlementType? type, int? level, int? population, int? blocks, Visibility? visibility)
    {
        v.Defined("type", type, "Settlement type");
        v.Range("level", level, 1, MaxLevel, "Level");
        v.Range("population", population, 0, MaxPopulation, "Population");
        v.Range("occupiedBlocks", blocks, 1, MaxBlocks, "Occupied blocks");
        v.Defined("visibility", visibility, "Visibility");
    }
}
