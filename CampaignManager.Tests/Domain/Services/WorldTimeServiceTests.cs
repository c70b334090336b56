using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Common;
using CampaignManager.Tests.Domain.DomainTestSupport;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>Moving the world clock: kingdom turns fall due once, and a rewind never fires one twice.</summary>
[Trait("Category", "Unit")]
public sealed class WorldTimeServiceTests
{
    private const long Day = 86_400;

    // 27 Emberfall 4712, 18:00 + 3 days = 30 Emberfall 18:00, the month's kingdom-turn boundary.
    private const long EmberfallTurn = VellmarkCalendar.DemoNow + (3 * Day);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenClockAdvancesThreeDays_ThenOneKingdomTurnIsDue()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var change = await fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, 3 * Day, ct: Ct);

        Assert.Equal(VellmarkCalendar.DemoNow, change.PreviousWorldTime);
        Assert.Equal(EmberfallTurn, change.NewWorldTime);
        Assert.Equal([EmberfallTurn], change.KingdomTurnsDue);
        var campaign = await fixture.CampaignRowAsync();
        Assert.Equal(EmberfallTurn, campaign.WorldTime);
        Assert.Equal(EmberfallTurn, campaign.LastKingdomTurnAt);
        var view = await fixture.Campaigns.GetAsync(DemoActors.Player, fixture.CampaignId, Ct);
        Assert.Equal((30, "Emberfall", 18), (view.Date.Day, view.Date.MonthName, view.Date.Hour));
    }

    [Fact]
    public async Task WhenClockAdvancesTwoDays_ThenNoKingdomTurnIsDue()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var change = await fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, 2 * Day, ct: Ct);

        Assert.Empty(change.KingdomTurnsDue);
    }

    [Fact]
    public async Task WhenClockIsRewoundThreeDaysAndAdvancedAgain_ThenTheTurnIsNotDueASecondTime()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        await fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, 3 * Day, ct: Ct);

        var rewind = await fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, -3 * Day, ct: Ct);
        var again = await fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, 3 * Day, ct: Ct);

        Assert.Empty(rewind.KingdomTurnsDue);
        Assert.Equal(VellmarkCalendar.DemoNow, rewind.NewWorldTime);
        Assert.Empty(again.KingdomTurnsDue);
        Assert.Equal(EmberfallTurn, again.NewWorldTime);
    }

    [Fact]
    public async Task WhenClockIsAdvanced_ThenOneChangeIsRecordedForEveryoneWithTheNewDate()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await fixture.WorldTime.AdvanceAsync(DemoActors.GameMasterNotOwner, fixture.CampaignId, 3 * Day, ct: Ct);

        var change = Assert.Single(Assert.Single(fixture.Observer.CommittedChanges).Changes);
        Assert.Equal(DomainChange.EntityTypes.WorldTime, change.EntityType);
        Assert.Equal(Visibility.Everyone, change.Visibility);
        Assert.Equal(["worldTime"], change.ChangedFields);
        Assert.StartsWith("Gideon advanced the clock to 30 Emberfall 4712, 18:00", change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenClockIsRewoundToExactlyTheEpoch_ThenThatIsAllowed()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var change = await fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, -VellmarkCalendar.DemoNow, ct: Ct);

        Assert.Equal(0, change.NewWorldTime);
        Assert.Equal(0, (await fixture.CampaignRowAsync()).WorldTime);
    }
}
