namespace CampaignManager.Domain.Calendars;

/// <summary>A moon of a <see cref="Calendar"/>.</summary>
/// <param name="Name">Display name, e.g. "Ember".</param>
/// <param name="CycleDays">Days from one new moon to the next (at least 1).</param>
/// <param name="OffsetDays">The moon's age (days since new moon) at the epoch, 0 ≤ offset &lt; cycle.</param>
public sealed record CalendarMoon(string Name, int CycleDays, int OffsetDays);
