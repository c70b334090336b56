using System.Text.Json;
using CampaignManager.Domain.Calendars;

namespace CampaignManager.Tests.Domain.Calendars;

public sealed class CalendarTests
{
    private const long Day = 86_400;
    private static readonly Calendar Vellmark = VellmarkCalendar.Create();

    [Fact]
    public void WhenTheDemoInstantIsDescribed_ThenItReadsAsTheDemoDate()
    {
        var date = Vellmark.Describe(VellmarkCalendar.DemoNow);

        Assert.Equal("27 Emberfall 4712, 18:00 \u2014 Firstday, Autumn, full moon", date.ToString());
        Assert.Equal(new CalendarDate(4712, 9, "Emberfall", 27, 18, 0, "Firstday", "Autumn", [new("Ember", MoonPhase.FullMoon)]), date);
    }

    [Fact]
    public void WhenTheDemoDateIsConverted_ThenItIsDemoNow() =>
        Assert.Equal(VellmarkCalendar.DemoNow, Vellmark.ToWorldTime(4712, 9, 27, 18, 0));

    [Fact]
    public void WhenTheEpochIsDescribed_ThenItIsMidnightOnTheFirstDayOfTheEpochYear()
    {
        var date = Vellmark.Describe(0);

        Assert.Equal((4710, 1, "Deepfrost", 1, 0, 0, "Winter"), (date.Year, date.Month, date.MonthName, date.Day, date.Hour, date.Minute, date.Season));
    }

    [Theory]
    [InlineData(4710, 1, 1, 0, 0)]
    [InlineData(4710, 1, 1, 0, 1)]
    [InlineData(4711, 12, 30, 23, 59)]
    [InlineData(4712, 2, 15, 6, 45)]
    [InlineData(4712, 9, 27, 18, 0)]
    [InlineData(5020, 7, 3, 12, 30)]
    public void WhenADateIsConvertedAndDescribed_ThenItRoundTrips(int year, int month, int day, int hour, int minute)
    {
        var date = Vellmark.Describe(Vellmark.ToWorldTime(year, month, day, hour, minute));

        Assert.Equal((year, month, day, hour, minute), (date.Year, date.Month, date.Day, date.Hour, date.Minute));
    }

    [Fact]
    public void WhenAMinutePassesAtTheEndOfAMonth_ThenTheNextMonthBegins()
    {
        var date = Vellmark.Describe(Vellmark.ToWorldTime(4712, 9, 30, 23, 59) + 60);

        Assert.Equal((4712, 10, "Mistwane", 1, 0, 0), (date.Year, date.Month, date.MonthName, date.Day, date.Hour, date.Minute));
    }

    [Fact]
    public void WhenAMinutePassesAtTheEndOfTheYear_ThenTheNextYearBeginsInWinter()
    {
        var date = Vellmark.Describe(Vellmark.ToWorldTime(4712, 12, 30, 23, 59) + 60);

        Assert.Equal((4713, 1, "Deepfrost", 1, "Winter"), (date.Year, date.Month, date.MonthName, date.Day, date.Season));
    }

    [Fact]
    public void WhenDaysPass_ThenWeekdaysFollowInOrderAndWrapAround()
    {
        var weekdays = Enumerable.Range(0, 8).Select(d => Vellmark.Describe(VellmarkCalendar.DemoNow + (d * Day)).Weekday);

        Assert.Equal(["Firstday", "Hearthday", "Marketday", "Forgeday", "Wellday", "Feastday", "Restday", "Firstday"], weekdays);
    }

    [Fact]
    public void WhenMonthsPass_ThenSeasonsFollowTheMonths()
    {
        var seasons = Enumerable.Range(1, 12).Select(m => Vellmark.Describe(Vellmark.ToWorldTime(4712, m, 1, 0, 0)).Season);

        Assert.Equal(
            ["Winter", "Winter", "Spring", "Spring", "Spring", "Summer", "Summer", "Summer", "Autumn", "Autumn", "Autumn", "Winter"],
            seasons);
    }

    [Fact]
    public void WhenAMoonCyclePasses_ThenEachPhaseComesInTurn()
    {
        // An 8-day moon that is new at the epoch: each midnight sits at the centre of the next phase.
        var calendar = Vellmark with { Moons = [new("Pale", 8, 0)] };

        var phases = Enumerable.Range(0, 9).Select(d => calendar.Describe(d * Day).MoonPhases.Single().Phase);

        Assert.Equal(
            [
                MoonPhase.NewMoon, MoonPhase.WaxingCrescent, MoonPhase.FirstQuarter, MoonPhase.WaxingGibbous,
                MoonPhase.FullMoon, MoonPhase.WaningGibbous, MoonPhase.LastQuarter, MoonPhase.WaningCrescent,
                MoonPhase.NewMoon,
            ],
            phases);
    }

    [Fact]
    public void WhenTheEmberMoonAges_ThenFullMoonSpansTheMiddleEighthOfItsCycle()
    {
        // Ember is 13.75 days old at DemoNow; its full-moon slice is days 12.25–15.75 of the 28-day cycle.
        var fullMoonStarts = VellmarkCalendar.DemoNow - (long)(1.5 * Day);
        var fullMoonEnds = VellmarkCalendar.DemoNow + (2 * Day);

        Assert.Equal(MoonPhase.WaxingGibbous, EmberPhase(fullMoonStarts - 1));
        Assert.Equal(MoonPhase.FullMoon, EmberPhase(fullMoonStarts));
        Assert.Equal(MoonPhase.FullMoon, EmberPhase(fullMoonEnds - 1));
        Assert.Equal(MoonPhase.WaningGibbous, EmberPhase(fullMoonEnds));
        Assert.Equal(MoonPhase.NewMoon, EmberPhase(VellmarkCalendar.DemoNow + (14 * Day)));
    }

    [Fact]
    public void WhenTheCalendarHasTwoMoons_ThenEachPhaseIsNamedAfterItsMoon()
    {
        var calendar = Vellmark with { Moons = [.. Vellmark.Moons, new("Pale", 10, 5)] };

        // Pale: (986.75 + 5) mod 10 = 1.75 days old → new moon until 0.625 days, waxing crescent after.
        Assert.Equal(
            "27 Emberfall 4712, 18:00 \u2014 Firstday, Autumn, Ember full moon, Pale waxing crescent",
            calendar.Describe(VellmarkCalendar.DemoNow).ToString());
    }

    [Fact]
    public void WhenTheCalendarHasNoMoonsOrSeasons_ThenTheDescriptionLeavesThemOut()
    {
        var calendar = Vellmark with { Moons = [], Months = [.. Vellmark.Months.Select(m => m with { Season = "" })] };

        Assert.Equal("27 Emberfall 4712, 18:00 \u2014 Firstday", calendar.Describe(VellmarkCalendar.DemoNow).ToString());
    }

    [Fact]
    public void WhenWorldTimeIsNegative_ThenDescribeRefusesIt() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Vellmark.Describe(-1));

    [Theory]
    [InlineData(4709, 1, 1, 0, 0, "year")]
    [InlineData(4712, 0, 1, 0, 0, "month")]
    [InlineData(4712, 13, 1, 0, 0, "month")]
    [InlineData(4712, 9, 0, 0, 0, "day")]
    [InlineData(4712, 9, 31, 0, 0, "day")]
    [InlineData(4712, 9, 27, -1, 0, "hour")]
    [InlineData(4712, 9, 27, 24, 0, "hour")]
    [InlineData(4712, 9, 27, 18, -1, "minute")]
    [InlineData(4712, 9, 27, 18, 60, "minute")]
    public void WhenADateLiesOutsideTheCalendar_ThenToWorldTimeNamesTheBadArgument(
        int year, int month, int day, int hour, int minute, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Vellmark.ToWorldTime(year, month, day, hour, minute));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void WhenTheCalendarIsInvalid_ThenDescribeExplainsInsteadOfCrashing()
    {
        var calendar = Vellmark with { Weekdays = [] };

        var error = Assert.Throws<InvalidOperationException>(() => calendar.Describe(0));
        Assert.Contains("at least one weekday", error.Message);
    }

    [Fact]
    public void WhenTheCalendarIsSerializedAndRead_ThenItIsEqual()
    {
        var json = JsonSerializer.Serialize(Vellmark);

        var read = JsonSerializer.Deserialize<Calendar>(json);

        Assert.Equal(Vellmark, read);
        Assert.DoesNotContain("DaysPerYear", json);
    }

    [Fact]
    public void WhenTheCalendarIsSerializedWithWebDefaults_ThenItIsEqual()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var read = JsonSerializer.Deserialize<Calendar>(JsonSerializer.Serialize(Vellmark, options), options);

        Assert.Equal(Vellmark, read);
    }

    [Fact]
    public void WhenStoredJsonHasNoKingdomTurnHour_ThenItDefaultsTo18()
    {
        const string json = """
            {"Name":"Short","EpochYear":1,"Months":[{"Name":"Only","Days":10,"Season":""}],
             "Weekdays":["One"],"SecondsPerDay":86400,"FirstWeekdayOffset":0,"Moons":[]}
            """;

        var calendar = JsonSerializer.Deserialize<Calendar>(json);

        Assert.NotNull(calendar);
        Assert.Equal(18, calendar.KingdomTurnHour);
    }

    [Fact]
    public void WhenTwoCalendarsHaveEqualContent_ThenTheyAreEqual()
    {
        var copy = VellmarkCalendar.Create();

        Assert.NotSame(Vellmark.Months, copy.Months);
        Assert.Equal(Vellmark, copy);
        Assert.Equal(Vellmark.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(Vellmark, copy with { Weekdays = [.. copy.Weekdays.Reverse()] });
    }

    private static MoonPhase EmberPhase(long worldTime) => Vellmark.Describe(worldTime).MoonPhases.Single().Phase;
}
