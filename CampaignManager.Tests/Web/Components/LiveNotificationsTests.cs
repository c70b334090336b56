using Bunit;
using CampaignManager.Domain.Settlements;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Components.Layout;
using CampaignManager.Web.Components.Pages.Campaigns;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CampaignManager.Tests.Web.Components;

/// <summary>A toast says who changed what when someone else changes the open campaign, and goes again.</summary>
[Trait(TestCategories.Trait, TestCategories.Component)]
public class LiveNotificationsTests : ComponentTestContext
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<TimeProvider>(_time);
    }

    [Fact]
    public async Task WhenAnotherUserRenamesASettlement_ThenAToastSaysSoFor4Seconds_ThenFadesOut_ThenIsGone()
    {
        var toasts = OpenCampaignAs(DemoActors.Player);

        await Rename(DemoActors.GameMaster, "Tallowmere");

        toasts.WaitForAssertion(() => Assert.Equal(["Mara renamed Tallowford to Tallowmere"], Messages(toasts)));
        Assert.DoesNotContain("cm-live-toast-leaving", Toasts(toasts).Single().ClassName);

        _time.Advance(LiveNotifications.VisibleFor - TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain("cm-live-toast-leaving", Toasts(toasts).Single().ClassName);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        toasts.WaitForAssertion(() => Assert.Contains("cm-live-toast-leaving", Toasts(toasts).Single().ClassName));

        _time.Advance(LiveNotifications.FadeOut);
        toasts.WaitForAssertion(() => Assert.Empty(Toasts(toasts)));
        Assert.Equal("polite", toasts.Find("[data-testid=live-notifications]").GetAttribute("aria-live"));
    }

    [Fact]
    public async Task WhenTheSignedInUserMakesTheChange_ThenNoToast_ButAnotherUsersChangeAfterItShowsOne()
    {
        var toasts = OpenCampaignAs(DemoActors.GameMaster);

        await Rename(DemoActors.GameMaster, "Tallowmere");
        await Rename(DemoActors.Player2, "Tallow Cross");

        toasts.WaitForAssertion(() => Assert.Equal(["Tamsin renamed Tallowmere to Tallow Cross"], Messages(toasts)));
    }

    [Fact]
    public async Task WhenFourChangesComeAtOnce_ThenTheNewestThreeShow()
    {
        var toasts = OpenCampaignAs(DemoActors.Player);

        foreach (var name in new[] { "One", "Two", "Three", "Four" })
        {
            await Rename(DemoActors.GameMaster, name);
        }

        toasts.WaitForAssertion(() => Assert.Equal(
            ["Mara renamed One to Two", "Mara renamed Two to Three", "Mara renamed Three to Four"],
            Messages(toasts)));
    }

    [Fact]
    public async Task WhenTheCloseButtonIsClicked_ThenThatToastIsGone_AndTheOtherStays()
    {
        var toasts = OpenCampaignAs(DemoActors.Player);
        await Rename(DemoActors.GameMaster, "Tallowmere");
        await Rename(DemoActors.GameMaster, "Tallow Cross");
        toasts.WaitForAssertion(() => Assert.Equal(2, Toasts(toasts).Count));

        await toasts.InvokeAsync(() => Toasts(toasts)[0].QuerySelector("button[aria-label=Close]")!.ClickAsync(new MouseEventArgs()));

        toasts.WaitForAssertion(() => Assert.Equal(["Mara renamed Tallowmere to Tallow Cross"], Messages(toasts)));
    }

    /// <summary>The layout's toasts beside the campaign page, whose session brings the campaign's events.</summary>
    private IRenderedComponent<LiveNotifications> OpenCampaignAs(CampaignManager.Domain.Common.Actor actor)
    {
        SignInAs(actor);
        var toasts = Render<LiveNotifications>();
        var page = Render<CampaignPage>(p => p.Add(x => x.CampaignId, Domain.CampaignId));
        page.WaitForAssertion(() => Assert.Contains("Tallowford", page.Find("[data-testid=settlements-table]").TextContent));
        return toasts;
    }

    private Task Rename(CampaignManager.Domain.Common.Actor actor, string name) =>
        Service<SettlementService>().UpdateAsync(actor, Domain.TallowfordId, new SettlementUpdate(Name: name), ct: Ct);

    private static IReadOnlyList<AngleSharp.Dom.IElement> Toasts(IRenderedComponent<LiveNotifications> toasts) =>
        toasts.FindAll("[data-testid=live-notifications] [role=status]");

    private static string[] Messages(IRenderedComponent<LiveNotifications> toasts) =>
        [.. Toasts(toasts).Select(t => t.QuerySelector(".mud-snackbar-content-message")!.TextContent.Trim())];
}
