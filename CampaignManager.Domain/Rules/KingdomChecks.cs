namespace CampaignManager.Domain.Rules;

/// <summary>Names of kingdom checks that structures grant item bonuses to; used as dictionary keys.</summary>
public static class KingdomChecks
{
    public const string CelebrateHoliday = "Celebrate Holiday";
    public const string EstablishTradeAgreement = "Establish Trade Agreement";
    public const string EstablishWorkSite = "Establish Work Site";
    public const string GarrisonArmy = "Garrison Army";
    public const string HarvestCrops = "Harvest Crops";
    public const string HireAdventurers = "Hire Adventurers";
    public const string OutfitArmy = "Outfit Army";
    public const string ProvideCare = "Provide Care";
    public const string QuellUnrest = "Quell Unrest";
    public const string RestAndRelax = "Rest and Relax";
    public const string TradeCommodities = "Trade Commodities";
    public const string TrainArmy = "Train Army";
}
