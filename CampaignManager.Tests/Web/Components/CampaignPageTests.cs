using Bunit;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Components.Pages.Campaigns;
using Microsoft.AspNetCore.Components.Web;

namespace CampaignManager.Tests.Web.Components;

[Trait(TestCategories.Trait, TestCategories.Component)]
public class CampaignPageTests : ComponentTestContext
{
    [Fact]
    public void WhenTheGameMasterOpensTheDemoCampaign_ThenCalendarDerivedValuesAndTheGmOnlySettlementAreShown()
    {
        SignInAs(DemoActors.GameMaster);

        var cut = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));

        cut.WaitForAssertion(() => Assert.Equal("The Vellmark Charter", cut.Find("[data-testid=campaign-name]").TextContent));
        Assert.Equal("27 Emberfall 4712, 18:00 — Firstday, Autumn, full moon", cut.Find("[data-testid=calendar-line]").TextContent);
        Assert.Contains("7d6", cut.Find("[data-testid=resource-dice]").TextContent);
        Assert.Contains("17", cut.Find("[data-testid=control-dc]").TextContent);
        Assert.Contains("3 (−1)", cut.Find("[data-testid=unrest]").TextContent);
        Assert.Contains("1", cut.Find("[data-testid=consumption]").TextContent);
        Assert.Contains("Harvest Crops +1", cut.Markup);
        Assert.Contains("Counselor vacant", cut.Find("[data-testid=vacancy-penalty]").TextContent);
        var greywaterRow = cut.FindAll("[data-testid=settlements-table] tr").Single(r => r.TextContent.Contains("Greywater Landing"));
        Assert.NotNull(greywaterRow.QuerySelector("[data-testid=gm-only]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=world-time-controls]"));
    }

    [Fact]
    public void WhenAPlayerOpensTheDemoCampaign_ThenGreywaterAndTheWorldClockControlsAreAbsent()
    {
        SignInAs(DemoActors.Player);

        var cut = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));

        cut.WaitForAssertion(() => Assert.Contains("Brindlehold", cut.Markup));
        Assert.DoesNotContain("Greywater", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=world-time-controls]"));
        Assert.Empty(cut.FindAll("[data-testid=gm-only]"));
        Assert.Contains("You are a player", cut.Markup);
    }

    [Fact]
    public void WhenAnOutsiderOpensTheCampaign_ThenTheNotFoundPanelIsShownWithoutData()
    {
        SignInAs(DemoActors.Outsider);

        var cut = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=not-found]")));
        Assert.DoesNotContain("Vellmark", cut.Markup);
    }

    [Fact]
    public async Task WhenTheGameMasterAdvancesOneDay_ThenTheCalendarLineMovesAndTheClockIsStored()
    {
        SignInAs(DemoActors.GameMaster);
        RenderProviders();
        var cut = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=world-time-controls]")));

        await cut.InvokeAsync(() => cut.FindAll("[data-testid=world-time-controls] button").Single(b => b.TextContent.Trim() == "+1 day").ClickAsync(new MouseEventArgs()));

        cut.WaitForAssertion(() => Assert.Equal("28 Emberfall 4712, 18:00 — Hearthday, Autumn, full moon", cut.Find("[data-testid=calendar-line]").TextContent));
        Assert.Equal(CampaignManager.Domain.Calendars.VellmarkCalendar.DemoNow + 86_400, (await Domain.CampaignRowAsync()).WorldTime);
    }
}
