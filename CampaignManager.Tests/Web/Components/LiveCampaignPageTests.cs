using Bunit;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Components.Pages.Campaigns;
using CampaignManager.Web.Components.Pages.Settlements;
using CampaignManager.Web.State.Campaigns;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CampaignManager.Tests.Web.Components;

/// <summary>Pages follow the store: another user's change appears without reloading.</summary>
[Trait(TestCategories.Trait, TestCategories.Component)]
public class LiveCampaignPageTests : ComponentTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenTheGameMasterRenamesASettlement_ThenThePlayersPageShowsItFlashesItAndLogsIt()
    {
        SignInAs(DemoActors.Player);
        var cut = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));
        cut.WaitForAssertion(() => Assert.Contains("Tallowford", cut.Find("[data-testid=settlements-table]").TextContent));

        await Service<SettlementService>().UpdateAsync(DemoActors.GameMaster, Domain.TallowfordId, new SettlementUpdate(Name: "Tallowmere"), ct: Ct);

        cut.WaitForAssertion(() =>
        {
            var row = cut.FindAll("[data-testid=settlements-table] tr").Single(r => r.TextContent.Contains("Tallowmere"));
            Assert.Contains("cm-flash", row.ClassName);
            Assert.Contains("Mara renamed Tallowford to Tallowmere", cut.Find("[data-testid=activity-feed]").TextContent);
        });
    }

    [Fact]
    public async Task WhenARowChangesAgainMidFadeAndLaterTheFadeHasRun_ThenItsFadeRestartsAndTheNextRenderNoLongerMarksIt()
    {
        var clock = new SteppedClock();
        Services.AddSingleton<TimeProvider>(clock);
        SignInAs(DemoActors.Player);
        var cut = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));
        cut.WaitForAssertion(() => Assert.Contains("Tallowford", cut.Find("[data-testid=settlements-table]").TextContent));
        string RowClass(string name) => cut.FindAll("[data-testid=settlements-table] tr").Single(r => r.TextContent.Contains(name)).ClassName ?? "";

        await Service<SettlementService>().UpdateAsync(DemoActors.GameMaster, Domain.TallowfordId, new SettlementUpdate(Name: "Tallowmere"), ct: Ct);
        cut.WaitForAssertion(() => Assert.Contains("cm-flash", RowClass("Tallowmere")));
        var firstFade = RowClass("Tallowmere");
        clock.Advance(Highlights.Duration / 2);
        await Service<SettlementService>().UpdateAsync(DemoActors.GameMaster, Domain.TallowfordId, new SettlementUpdate(Name: "Tallow Cross"), ct: Ct);

        // Another animation name: the browser starts the fade over.
        cut.WaitForAssertion(() => Assert.Contains("cm-flash", RowClass("Tallow Cross")));
        Assert.NotEqual(firstFade, RowClass("Tallow Cross"));

        clock.Advance(Highlights.Duration);
        await Service<SettlementService>().UpdateAsync(DemoActors.GameMaster, Domain.BrindleholdId, new SettlementUpdate(Population: 1600), ct: Ct);
        cut.WaitForAssertion(() => Assert.Contains("cm-flash", RowClass("Brindlehold")));
        Assert.DoesNotContain("cm-flash", RowClass("Tallow Cross"));
    }

    [Fact]
    public async Task WhenUnrestRisesToFive_ThenThePlayersPenaltyMovesToMinusTwoWithoutReload()
    {
        SignInAs(DemoActors.Player);
        var cut = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));
        cut.WaitForAssertion(() => Assert.Contains("3 (−1)", cut.Find("[data-testid=unrest]").TextContent));

        await Service<KingdomService>().UpdateAsync(DemoActors.Player2, Domain.VellmarkId, new KingdomUpdate(Unrest: 5), ct: Ct);

        cut.WaitForAssertion(() => Assert.Contains("5 (−2)", cut.Find("[data-testid=unrest]").TextContent));
    }

    [Fact]
    public async Task WhenTheGameMasterChangesGreywaterLanding_ThenThePlayersPageAndActivityShowNothing()
    {
        SignInAs(DemoActors.Player);
        var cut = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));
        cut.WaitForAssertion(() => Assert.Contains("Brindlehold", cut.Markup));

        await Service<SettlementService>().UpdateAsync(DemoActors.GameMaster, Domain.GreywaterLandingId, new SettlementUpdate(Name: "Greywater Haven"), ct: Ct);
        await Service<SettlementService>().UpdateAsync(DemoActors.GameMaster, Domain.BrindleholdId, new SettlementUpdate(Population: 1600), ct: Ct);

        cut.WaitForAssertion(() => Assert.Contains("population", cut.Find("[data-testid=activity-feed]").TextContent));
        Assert.DoesNotContain("Greywater", cut.Markup);
        Assert.DoesNotContain("Haven", cut.Markup);
    }

    [Fact]
    public async Task WhenTheStructureBeingEditedIsRenamedByAnotherUser_ThenTheDialogSaysSoAndOffersReloadOrOverwrite()
    {
        SignInAs(DemoActors.Player);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<SettlementPage>(p => p.Add(x => x.SettlementId, Domain.BrindleholdId));
        cut.WaitForAssertion(() => Assert.Contains("Mill", cut.Markup));
        // Not awaited: the click handler waits for the dialog's result until the dialog closes.
        _ = cut.Find("button[aria-label='Edit Mill']").ClickAsync(new MouseEventArgs());
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("input")));

        await Service<StructureService>().UpdateAsync(DemoActors.Player2, Domain.MillId, new StructureUpdate(Name: "Watermill"), ct: Ct);

        dialogs.WaitForAssertion(() => Assert.Contains("Someone else changed this structure", dialogs.Find("[data-testid=edit-conflict]").TextContent));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Contains("Load their version")).ClickAsync(new MouseEventArgs()));
        dialogs.WaitForAssertion(() =>
        {
            Assert.Empty(dialogs.FindAll("[data-testid=edit-conflict]"));
            Assert.Contains(dialogs.FindAll("input"), i => i.GetAttribute("value") == "Watermill");
        });
    }
}
