namespace CampaignManager.Domain.Calendars;

/// <summary>Display names of <see cref="MoonPhase"/>.</summary>
public static class MoonPhaseExtensions
{
    /// <summary>The lower-case name players read, e.g. "full moon".</summary>
    public static string ToDisplayName(this MoonPhase phase) => phase switch
    {
        MoonPhase.NewMoon => "new moon",
        MoonPhase.WaxingCrescent => "waxing crescent",
        MoonPhase.FirstQuarter => "first quarter",
        MoonPhase.WaxingGibbous => "waxing gibbous",
        MoonPhase.FullMoon => "full moon",
        MoonPhase.WaningGibbous => "waning gibbous",
        MoonPhase.LastQuarter => "last quarter",
        MoonPhase.WaningCrescent => "waning crescent",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown moon phase."),
    };
}
