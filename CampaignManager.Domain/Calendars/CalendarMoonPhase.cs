namespace CampaignManager.Domain.Calendars;

/// <summary>The phase one moon shows at a given instant.</summary>
/// <param name="MoonName">The moon.</param>
/// <param name="Phase">Its phase.</param>
public sealed record CalendarMoonPhase(string MoonName, MoonPhase Phase);
