namespace CampaignManager.Domain.Calendars;

/// <summary>A month of a <see cref="Calendar"/>.</summary>
/// <param name="Name">Display name, e.g. "Emberfall".</param>
/// <param name="Days">Length in days (at least 1).</param>
/// <param name="Season">Season the month belongs to, e.g. "Autumn"; blank for calendars without seasons.</param>
public sealed record CalendarMonth(string Name, int Days, string Season);
