using CampaignManager.Domain.Rules;

namespace CampaignManager.Domain.Calendars;

/// <summary>
/// A campaign's calendar. World time is an integer number of seconds since the epoch: the first day of the
/// first month of <paramref name="EpochYear"/>, 00:00. Stored as a JSON column, so it round-trips through
/// System.Text.Json and compares by value (collections included).
/// </summary>
/// <param name="Name">Display name, e.g. "Vellmark Reckoning".</param>
/// <param name="EpochYear">The year world time 0 falls in.</param>
/// <param name="Months">Months of every year, in order.</param>
/// <param name="Weekdays">Weekday names, in order.</param>
/// <param name="SecondsPerDay">Length of a day; hours always last 3,600 seconds.</param>
/// <param name="FirstWeekdayOffset">Index in <paramref name="Weekdays"/> of the epoch's weekday.</param>
/// <param name="Moons">The moons; may be empty.</param>
/// <param name="KingdomTurnHour">Hour of the last day of each month at which the kingdom turn falls due.</param>
public sealed record Calendar(
    string Name,
    int EpochYear,
    IReadOnlyList<CalendarMonth> Months,
    IReadOnlyList<string> Weekdays,
    int SecondsPerDay,
    int FirstWeekdayOffset,
    IReadOnlyList<CalendarMoon> Moons,
    int KingdomTurnHour = Calendar.DefaultKingdomTurnHour)
{
    /// <summary>The hour the kingdom turn falls due unless a calendar says otherwise.</summary>
    public const int DefaultKingdomTurnHour = 18;

    /// <summary>Seconds in an hour, whatever the length of the day.</summary>
    public const int SecondsPerHour = 3600;

    /// <summary>The shortest day <see cref="Validate"/> accepts.</summary>
    public const int MinimumSecondsPerDay = 60;

    /// <summary>Months of every year, compared by content.</summary>
    public IReadOnlyList<CalendarMonth> Months { get; init => field = EquatableList<CalendarMonth>.From(value); } =
        EquatableList<CalendarMonth>.From(Months);

    /// <summary>Weekday names, compared by content.</summary>
    public IReadOnlyList<string> Weekdays { get; init => field = EquatableList<string>.From(value); } =
        EquatableList<string>.From(Weekdays);

    /// <summary>The moons, compared by content.</summary>
    public IReadOnlyList<CalendarMoon> Moons { get; init => field = EquatableList<CalendarMoon>.From(value); } =
        EquatableList<CalendarMoon>.From(Moons);

    // Internal, so System.Text.Json does not store it next to the months it is computed from.
    internal long DaysPerYear => Months.Sum(month => (long)month.Days);

    /// <summary>Checks the calendar can describe time; returns one message per problem, none when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("The calendar needs a name.");
        }

        if (Months.Count == 0)
        {
            errors.Add("The calendar needs at least one month.");
        }

        for (var i = 0; i < Months.Count; i++)
        {
            var month = Months[i];
            if (month is null || string.IsNullOrWhiteSpace(month.Name))
            {
                errors.Add($"Month {i + 1} needs a name.");
            }

            if (month is not null && month.Days < 1)
            {
                errors.Add($"Month {i + 1} ({month.Name}) needs at least 1 day.");
            }
        }

        foreach (var duplicate in Months.Where(m => !string.IsNullOrWhiteSpace(m?.Name))
                     .GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
                     .Where(group => group.Count() > 1))
        {
            errors.Add($"The month name '{duplicate.Key}' is used more than once.");
        }

        if (Weekdays.Count == 0)
        {
            errors.Add("The calendar needs at least one weekday.");
        }

        for (var i = 0; i < Weekdays.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Weekdays[i]))
            {
                errors.Add($"Weekday {i + 1} needs a name.");
            }
        }

        if (Weekdays.Count > 0 && (FirstWeekdayOffset < 0 || FirstWeekdayOffset >= Weekdays.Count))
        {
            errors.Add($"The first weekday offset must be between 0 and {Weekdays.Count - 1}.");
        }

        if (SecondsPerDay < MinimumSecondsPerDay)
        {
            errors.Add($"A day must last at least {MinimumSecondsPerDay} seconds.");
        }
        else if (KingdomTurnHour < 0 || (long)KingdomTurnHour * SecondsPerHour >= SecondsPerDay)
        {
            errors.Add($"The kingdom turn hour must fall within a day (0 to {HoursPerDay - 1}).");
        }

        for (var i = 0; i < Moons.Count; i++)
        {
            var moon = Moons[i];
            if (moon is null || string.IsNullOrWhiteSpace(moon.Name))
            {
                errors.Add($"Moon {i + 1} needs a name.");
            }

            if (moon is not null && moon.CycleDays < 1)
            {
                errors.Add($"Moon {i + 1} ({moon.Name}) needs a cycle of at least 1 day.");
            }
            else if (moon is not null && (moon.OffsetDays < 0 || moon.OffsetDays >= moon.CycleDays))
            {
                errors.Add($"Moon {i + 1} ({moon.Name}) needs an offset between 0 and {moon.CycleDays - 1} days.");
            }
        }

        return errors;
    }

    /// <summary>Reads a world time as a date, time of day, weekday, season and moon phases.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="worldTime"/> is negative (before the epoch).</exception>
    /// <exception cref="InvalidOperationException">The calendar is not valid (see <see cref="Validate"/>).</exception>
    public CalendarDate Describe(long worldTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worldTime);
        EnsureValid();

        var dayIndex = worldTime / SecondsPerDay;
        var secondOfDay = (int)(worldTime % SecondsPerDay);
        var yearIndex = dayIndex / DaysPerYear;
        if (yearIndex > (long)int.MaxValue - EpochYear)
        {
            throw new ArgumentOutOfRangeException(nameof(worldTime), worldTime, "The world time lies beyond the last representable year.");
        }

        var dayOfYear = dayIndex % DaysPerYear;
        var monthIndex = 0;
        while (dayOfYear >= Months[monthIndex].Days)
        {
            dayOfYear -= Months[monthIndex].Days;
            monthIndex++;
        }

        var month = Months[monthIndex];
        return new CalendarDate(
            EpochYear + (int)yearIndex,
            monthIndex + 1,
            month.Name,
            (int)dayOfYear + 1,
            secondOfDay / SecondsPerHour,
            secondOfDay % SecondsPerHour / 60,
            Weekdays[(int)((dayIndex + FirstWeekdayOffset) % Weekdays.Count)],
            month.Season,
            [.. Moons.Select(moon => new CalendarMoonPhase(moon.Name, PhaseOf(moon, worldTime)))]);
    }

    /// <summary>The world time of a date and time of day.</summary>
    /// <param name="year">Year, not before <see cref="EpochYear"/>.</param>
    /// <param name="month">Month number, 1-based.</param>
    /// <param name="day">Day of the month, 1-based.</param>
    /// <param name="hour">Hour of the day, from 0.</param>
    /// <param name="minute">Minute of the hour, 0–59.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument lies outside the calendar.</exception>
    /// <exception cref="InvalidOperationException">The calendar is not valid (see <see cref="Validate"/>).</exception>
    public long ToWorldTime(int year, int month, int day, int hour, int minute)
    {
        EnsureValid();
        if (year < EpochYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"The calendar starts in {EpochYear}.");
        }

        if (month < 1 || month > Months.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, $"Months run from 1 to {Months.Count}.");
        }

        var monthDays = Months[month - 1].Days;
        if (day < 1 || day > monthDays)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"{Months[month - 1].Name} has {monthDays} days.");
        }

        if (hour < 0 || (long)hour * SecondsPerHour >= SecondsPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(hour), hour, $"Hours run from 0 to {HoursPerDay - 1}.");
        }

        if (minute < 0 || minute > 59 || ((long)hour * SecondsPerHour) + (minute * 60L) >= SecondsPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(minute), minute, "The minute lies outside the day.");
        }

        var dayIndex = ((long)(year - EpochYear) * DaysPerYear) + StartDayOfMonth(month - 1) + (day - 1);
        try
        {
            return checked((dayIndex * SecondsPerDay) + ((long)hour * SecondsPerHour) + (minute * 60L));
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The date lies beyond the representable world time.");
        }
    }

    /// <summary>Day of the year (0-based) on which month <paramref name="monthIndex"/> (0-based) starts.</summary>
    internal long StartDayOfMonth(int monthIndex) => Months.Take(monthIndex).Sum(month => (long)month.Days);

    internal void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The calendar '{Name}' is not valid: {string.Join(" ", errors)}");
        }
    }

    private long HoursPerDay => (SecondsPerDay + SecondsPerHour - 1) / SecondsPerHour;

    private MoonPhase PhaseOf(CalendarMoon moon, long worldTime)
    {
        var cycle = (long)moon.CycleDays * SecondsPerDay;
        var age = ((worldTime % cycle) + ((long)moon.OffsetDays * SecondsPerDay % cycle)) % cycle;

        // Eight equal slices centred on their exact phase: "new moon" spans ±1/16 of the cycle around age 0,
        // "full moon" ±1/16 around half the cycle. Int128 keeps 16 × age exact for long cycles.
        var slice = (((Int128)age * 16) + cycle) / ((Int128)cycle * 2) % 8;
        return (MoonPhase)(int)slice;
    }
}
