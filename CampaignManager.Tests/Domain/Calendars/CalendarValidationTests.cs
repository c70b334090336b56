using CampaignManager.Domain.Calendars;

namespace CampaignManager.Tests.Domain.Calendars;

public sealed class CalendarValidationTests
{
    private static readonly Calendar Vellmark = VellmarkCalendar.Create();

    [Fact]
    public void WhenTheDemoCalendarIsValidated_ThenThereAreNoErrors() => Assert.Empty(Vellmark.Validate());

    [Fact]
    public void WhenTheCalendarHasNoMonths_ThenValidationSaysSo() =>
        Assert.Contains("The calendar needs at least one month.", (Vellmark with { Months = [] }).Validate());

    [Fact]
    public void WhenAMonthHasNoDays_ThenValidationNamesTheMonth()
    {
        var calendar = Vellmark with { Months = [.. Vellmark.Months.Select((m, i) => i == 2 ? m with { Days = 0 } : m)] };

        Assert.Equal(["Month 3 (Seedtide) needs at least 1 day."], calendar.Validate());
    }

    [Fact]
    public void WhenTheCalendarHasNoWeekdays_ThenValidationSaysSo() =>
        Assert.Equal(["The calendar needs at least one weekday."], (Vellmark with { Weekdays = [] }).Validate());

    [Fact]
    public void WhenADayIsShorterThanAMinute_ThenValidationSaysSo() =>
        Assert.Equal(["A day must last at least 60 seconds."], (Vellmark with { SecondsPerDay = 59 }).Validate());

    [Fact]
    public void WhenTheFirstWeekdayOffsetIsOutOfRange_ThenValidationGivesTheRange() =>
        Assert.Equal(["The first weekday offset must be between 0 and 6."], (Vellmark with { FirstWeekdayOffset = 7 }).Validate());

    [Fact]
    public void WhenTheKingdomTurnHourIsNotInADay_ThenValidationGivesTheRange() =>
        Assert.Equal(["The kingdom turn hour must fall within a day (0 to 23)."], (Vellmark with { KingdomTurnHour = 24 }).Validate());

    [Fact]
    public void WhenAMoonHasNoCycle_ThenValidationNamesTheMoon() =>
        Assert.Equal(["Moon 1 (Ember) needs a cycle of at least 1 day."], (Vellmark with { Moons = [new("Ember", 0, 0)] }).Validate());

    [Fact]
    public void WhenTwoMonthsShareAName_ThenValidationSaysSo()
    {
        var calendar = Vellmark with { Months = [.. Vellmark.Months, Vellmark.Months[0]] };

        Assert.Equal(["The month name 'Deepfrost' is used more than once."], calendar.Validate());
    }

    [Fact]
    public void WhenSeveralThingsAreWrong_ThenEachGetsAMessage()
    {
        var calendar = Vellmark with { Name = " ", Months = [], Weekdays = [], SecondsPerDay = 0 };

        Assert.Equal(4, calendar.Validate().Count);
    }
}
