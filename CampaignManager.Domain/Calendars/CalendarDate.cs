using System.Globalization;
using System.Text;
using CampaignManager.Domain.Rules;

namespace CampaignManager.Domain.Calendars;

/// <summary>A world time as people in the campaign read it (see <see cref="Calendar.Describe"/>).</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="Month">Month number, 1-based.</param>
/// <param name="MonthName">Month name.</param>
/// <param name="Day">Day of the month, 1-based.</param>
/// <param name="Hour">Hour of the day, from 0.</param>
/// <param name="Minute">Minute of the hour, 0–59.</param>
/// <param name="Weekday">Weekday name.</param>
/// <param name="Season">Season of the month; blank when the calendar has none.</param>
/// <param name="MoonPhases">Phase of each moon, in the calendar's moon order.</param>
public sealed record CalendarDate(
    int Year,
    int Month,
    string MonthName,
    int Day,
    int Hour,
    int Minute,
    string Weekday,
    string Season,
    IReadOnlyList<CalendarMoonPhase> MoonPhases)
{
    /// <summary>Phase of each moon, compared by content.</summary>
    public IReadOnlyList<CalendarMoonPhase> MoonPhases
    {
        get;
        init => field = EquatableList<CalendarMoonPhase>.From(value);
    } = EquatableList<CalendarMoonPhase>.From(MoonPhases);

    /// <summary>
    /// E.g. "27 Emberfall 4712, 18:00 — Firstday, Autumn, full moon". With several moons each phase is
    /// prefixed by its moon's name ("Ember full moon, Pale new moon").
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{Day} {MonthName} {Year}, {Hour:00}:{Minute:00} \u2014 {Weekday}");
        if (!string.IsNullOrWhiteSpace(Season))
        {
            text.Append(", ").Append(Season);
        }

        foreach (var moon in MoonPhases)
        {
            text.Append(", ");
            if (MoonPhases.Count > 1)
            {
                text.Append(moon.MoonName).Append(' ');
            }

            text.Append(moon.Phase.ToDisplayName());
        }

        return text.ToString();
    }
}
