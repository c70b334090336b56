using CampaignManager.Domain.Calendars;

namespace CampaignManager.Tests.Domain.Calendars;

public sealed class KingdomTurnScheduleTests
{
    private const long Day = 86_400;
    private static readonly Calendar Vellmark = VellmarkCalendar.Create();
    private static readonly long EndOfEmberfall = Vellmark.ToWorldTime(4712, 9, 30, 18, 0);

    [Fact]
    public void WhenTheClockAdvancesThreeDaysFromDemoNow_ThenTheEmberfallTurnIsDue()
    {
        var due = KingdomTurnSchedule.DueBoundaries(Vellmark, VellmarkCalendar.DemoNow, VellmarkCalendar.DemoNow + (3 * Day), null);

        Assert.Equal([EndOfEmberfall], due);
    }

    [Fact]
    public void WhenTheClockAdvancesTwoDaysFromDemoNow_ThenNoTurnIsDue() =>
        Assert.Empty(KingdomTurnSchedule.DueBoundaries(Vellmark, VellmarkCalendar.DemoNow, VellmarkCalendar.DemoNow + (2 * Day), null));

    [Fact]
    public void WhenTheClockStopsJustBeforeTheBoundary_ThenNoTurnIsDue() =>
        Assert.Empty(KingdomTurnSchedule.DueBoundaries(Vellmark, VellmarkCalendar.DemoNow, EndOfEmberfall - 1, null));

    [Fact]
    public void WhenTheClockStartsExactlyOnTheBoundary_ThenThatBoundaryIsNotDueAgain() =>
        Assert.Empty(KingdomTurnSchedule.DueBoundaries(Vellmark, EndOfEmberfall, EndOfEmberfall + Day, null));

    [Fact]
    public void WhenTheClockIsRewound_ThenNoTurnIsDue() =>
        Assert.Empty(KingdomTurnSchedule.DueBoundaries(Vellmark, EndOfEmberfall + Day, VellmarkCalendar.DemoNow, null));

    [Fact]
    public void WhenTheClockIsReAdvancedOverABoundaryThatFired_ThenItIsNotDueTwice()
    {
        var withoutMemory = KingdomTurnSchedule.DueBoundaries(Vellmark, VellmarkCalendar.DemoNow, EndOfEmberfall + Day, null);
        var withMemory = KingdomTurnSchedule.DueBoundaries(Vellmark, VellmarkCalendar.DemoNow, EndOfEmberfall + Day, EndOfEmberfall);

        Assert.Single(withoutMemory);
        Assert.Empty(withMemory);
    }

    [Fact]
    public void WhenTheClockAdvancesTwoMonths_ThenTwoTurnsAreDueInOrder()
    {
        var due = KingdomTurnSchedule.DueBoundaries(Vellmark, VellmarkCalendar.DemoNow, VellmarkCalendar.DemoNow + (60 * Day), null);

        Assert.Equal([EndOfEmberfall, Vellmark.ToWorldTime(4712, 10, 30, 18, 0)], due);
    }

    [Fact]
    public void WhenTheClockCrossesTheYearEnd_ThenYearsendsTurnIsDue()
    {
        var due = KingdomTurnSchedule.DueBoundaries(
            Vellmark,
            Vellmark.ToWorldTime(4712, 12, 29, 12, 0),
            Vellmark.ToWorldTime(4713, 1, 2, 12, 0),
            null);

        Assert.Equal([Vellmark.ToWorldTime(4712, 12, 30, 18, 0)], due);
    }

    [Fact]
    public void WhenTheCalendarSetsAnotherTurnHour_ThenBoundariesFallAtThatHour()
    {
        var calendar = Vellmark with { KingdomTurnHour = 6 };

        var due = KingdomTurnSchedule.DueBoundaries(calendar, VellmarkCalendar.DemoNow, VellmarkCalendar.DemoNow + (3 * Day), null);

        Assert.Equal([calendar.ToWorldTime(4712, 9, 30, 6, 0)], due);
    }
}
