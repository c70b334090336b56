using Bunit;
using Bunit.TestDoubles;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Tests.Web.Components;
using CampaignManager.Web.Components.Pages.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CampaignManager.Tests.Web.Sessions;

/// <summary>An open campaign page whose user loses access to it leaves for the campaigns list and says why.</summary>
[Trait(TestCategories.Trait, TestCategories.Component)]
public class CampaignAccessEndedTests : ComponentTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    [Fact]
    public async Task WhenTheOwnerRemovesThePlayer_ThenThePlayersCampaignPageGoesToTheCampaignsListWithAMessage()
    {
        SignInAs(DemoActors.Player);
        Render<MudSnackbarProvider>();
        var cut = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));
        cut.WaitForAssertion(() => Assert.Contains("Brindlehold", cut.Markup));
        var name = cut.Find("[data-testid=campaign-name]").TextContent;

        await Service<MemberService>().RemoveAsync(DemoActors.GameMaster, Domain.CampaignId, DemoActors.Player.UserId, Ct);

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/campaigns", Navigation.Uri));
        Assert.Contains($"You no longer have access to {name}.", cut.Find("[data-testid=campaign-access-ended]").TextContent);
        Assert.DoesNotContain("Brindlehold", cut.Markup);
        Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == $"You no longer have access to {name}.");
    }
}
