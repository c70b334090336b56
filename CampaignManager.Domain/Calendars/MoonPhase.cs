namespace CampaignManager.Domain.Calendars;

/// <summary>The eight phases of a moon, each an equal slice of its cycle centred on its exact moment.</summary>
public enum MoonPhase
{
    NewMoon,
    WaxingCrescent,
    FirstQuarter,
    WaxingGibbous,
    FullMoon,
    WaningGibbous,
    LastQuarter,
    WaningCrescent,
}
