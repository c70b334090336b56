using Bunit;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Components.Pages.Settlements;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CampaignManager.Tests.Web.Components;

[Trait(TestCategories.Trait, TestCategories.Component)]
public class SettlementPageTests : ComponentTestContext
{
    [Fact]
    public async Task WhenTheGameMasterOpensTheTavernsVariables_ThenTheSecretTunnelIsShownAsGmOnly()
    {
        SignInAs(DemoActors.GameMaster);
        var cut = Render<SettlementPage>(p => p.Add(x => x.SettlementId, Domain.BrindleholdId));
        cut.WaitForAssertion(() => Assert.Contains("Popular Tavern", cut.Markup));

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Variables of Popular Tavern']").ClickAsync(new MouseEventArgs()));

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=variable-secretTunnel]").TextContent));
        Assert.Contains("Secret tunnel", cut.Markup);
    }

    [Fact]
    public async Task WhenAPlayerOpensTheTavernsVariables_ThenTheSecretTunnelIsNotRendered()
    {
        SignInAs(DemoActors.Player);
        var cut = Render<SettlementPage>(p => p.Add(x => x.SettlementId, Domain.BrindleholdId));
        cut.WaitForAssertion(() => Assert.Contains("Popular Tavern", cut.Markup));

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Variables of Popular Tavern']").ClickAsync(new MouseEventArgs()));

        cut.WaitForAssertion(() => Assert.Contains("House ale", cut.Markup));
        Assert.DoesNotContain("secretTunnel", cut.Markup);
        Assert.DoesNotContain("Secret tunnel", cut.Markup);
    }

    [Fact]
    public void WhenAPlayerTypesTheUrlOfGreywaterLanding_ThenTheNotFoundPanelIsShown()
    {
        SignInAs(DemoActors.Player);

        var cut = Render<SettlementPage>(p => p.Add(x => x.SettlementId, Domain.GreywaterLandingId));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=not-found]")));
        Assert.DoesNotContain("Greywater", cut.Markup);
        Assert.DoesNotContain("Inn", cut.Markup);
    }

    [Fact]
    public async Task WhenAVariableGetsAValueOfTheWrongType_ThenThePanelShowsWhyAndKeepsTheStoredValue()
    {
        SignInAs(DemoActors.Player);
        var cut = Render<SettlementPage>(p => p.Add(x => x.SettlementId, Domain.BrindleholdId));
        cut.WaitForAssertion(() => Assert.Contains("Militia", cut.Markup));
        var settlementPanel = () => cut.FindAll("[data-testid=variables-panel]").Last();

        await cut.InvokeAsync(() => settlementPanel().QuerySelectorAll("button").Single(b => b.TextContent.Contains("Edit values")).ClickAsync(new MouseEventArgs()));
        await cut.InvokeAsync(() =>
        {
            var field = cut.Find("[data-testid=variable-input-militia]");
            var input = field.TagName == "INPUT" ? field : field.QuerySelector("input")!;
            return input.ChangeAsync(new ChangeEventArgs { Value = "lots" });
        });
        await cut.InvokeAsync(() => settlementPanel().QuerySelectorAll("button").Single(b => b.TextContent.Contains("Save values")).ClickAsync(new MouseEventArgs()));

        cut.WaitForAssertion(() => Assert.Contains("Militia must be a whole number (got 'lots').", cut.Find("[data-testid=form-errors]").TextContent));
        Assert.Equal("40", (await Domain.SettlementRowAsync(Domain.BrindleholdId)).Variables["militia"]);
    }
}
