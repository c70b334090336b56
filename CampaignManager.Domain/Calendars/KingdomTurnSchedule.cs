namespace CampaignManager.Domain.Calendars;

/// <summary>When the monthly kingdom turn falls due as the world clock moves.</summary>
public static class KingdomTurnSchedule
{
    /// <summary>
    /// The monthly boundaries (last day of each month at <see cref="Calendar.KingdomTurnHour"/>:00) crossed by
    /// moving the clock from <paramref name="previousWorldTime"/> to <paramref name="newWorldTime"/>: every
    /// boundary b with previous &lt; b ≤ new and b &gt; <paramref name="lastTurnFiredAt"/>, in order.
    /// </summary>
    /// <remarks>
    /// A rewind yields nothing, and because of <paramref name="lastTurnFiredAt"/> re-advancing over a boundary
    /// that already fired yields nothing either: a GM correcting the clock must not trigger a turn twice.
    /// </remarks>
    /// <param name="calendar">The campaign's calendar.</param>
    /// <param name="previousWorldTime">World time before the change.</param>
    /// <param name="newWorldTime">World time after the change.</param>
    /// <param name="lastTurnFiredAt">The boundary of the last turn that fired, if any.</param>
    public static IReadOnlyList<long> DueBoundaries(
        Calendar calendar,
        long previousWorldTime,
        long newWorldTime,
        long? lastTurnFiredAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(previousWorldTime);
        ArgumentOutOfRangeException.ThrowIfNegative(newWorldTime);
        calendar.EnsureValid();

        var after = Math.Max(previousWorldTime, lastTurnFiredAt ?? long.MinValue);
        if (newWorldTime <= after)
        {
            return [];
        }

        // Start with the month containing "after": every earlier month's boundary lies before it.
        var daysPerYear = calendar.DaysPerYear;
        var startDay = after / calendar.SecondsPerDay;
        var yearIndex = startDay / daysPerYear;
        var dayOfYear = startDay % daysPerYear;
        var monthIndex = 0;
        while (dayOfYear >= calendar.Months[monthIndex].Days)
        {
            dayOfYear -= calendar.Months[monthIndex].Days;
            monthIndex++;
        }

        var turnSecondOfDay = (long)calendar.KingdomTurnHour * Calendar.SecondsPerHour;
        var boundaries = new List<long>();
        while (true)
        {
            var lastDay = (yearIndex * daysPerYear) + calendar.StartDayOfMonth(monthIndex) + calendar.Months[monthIndex].Days - 1;
            var boundary = (lastDay * calendar.SecondsPerDay) + turnSecondOfDay;
            if (boundary > newWorldTime)
            {
                return boundaries;
            }

            if (boundary > after)
            {
                boundaries.Add(boundary);
            }

            if (++monthIndex == calendar.Months.Count)
            {
                monthIndex = 0;
                yearIndex++;
            }
        }
    }
}
