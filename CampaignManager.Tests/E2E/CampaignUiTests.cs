using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E;

/// <summary>The foundation as people use it: sign in, open the demo campaign, edit, and see only what the role allows.</summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public class CampaignUiTests(BrowserFixture browser, AppHost host) : IClassFixture<AppHost>
{
    private const string Campaign = "The Vellmark Charter";

    [Fact]
    public async Task WhenTheGameMasterRenamesAStructureInBrindlehold_ThenTheNewNameIsShownAndSurvivesAReload()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await new LoginPage(page).SignInAsync("gm@example.com");
        var campaign = new CampaignPage(page);
        await campaign.OpenFromCampaignListAsync(Campaign);
        await Assertions.Expect(campaign.CalendarLine).ToHaveTextAsync("27 Emberfall 4712, 18:00 — Firstday, Autumn, full moon");
        await Assertions.Expect(page.GetByTestId("resource-dice")).ToContainTextAsync("7d6");
        await Assertions.Expect(page.GetByTestId("control-dc")).ToContainTextAsync("17");

        await campaign.OpenSettlementAsync("Brindlehold");
        var settlement = new SettlementPage(page);
        await settlement.RenameStructureAsync("Mill", "Watermill");

        await Assertions.Expect(settlement.StructureNames.Filter(new() { HasText = "Watermill" })).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(page, "gm-renamed-mill");
        await page.ReloadAsync();
        await page.WaitForBlazorAsync();
        await Assertions.Expect(settlement.StructureNames.Filter(new() { HasText = "Watermill" })).ToHaveCountAsync(1);
        await Assertions.Expect(settlement.StructureNames.Filter(new() { HasTextRegex = new("^Mill$") })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WhenAPlayerLooksEverywhere_ThenGreywaterLandingLeavesNoTrace()
    {
        var gameMaster = await browser.NewPageAsync(host.BaseAddress);
        await new LoginPage(gameMaster).SignInAsync("gm@example.com");
        await new CampaignPage(gameMaster).OpenFromCampaignListAsync(Campaign);
        var greywater = gameMaster.GetByRole(AriaRole.Link, new() { Name = "Greywater Landing" });
        await Assertions.Expect(greywater).ToBeVisibleAsync();
        var greywaterUrl = await greywater.GetAttributeAsync("href");

        var page = await browser.NewPageAsync(host.BaseAddress);
        await new LoginPage(page).SignInAsync("oskar@example.com");
        var campaign = new CampaignPage(page);
        await campaign.OpenFromCampaignListAsync(Campaign);
        await Assertions.Expect(campaign.SettlementsTable.GetByRole(AriaRole.Link, new() { Name = "Brindlehold" })).ToBeVisibleAsync();
        Assert.DoesNotContain("Greywater", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);

        await campaign.OpenSettlementAsync("Brindlehold");
        Assert.DoesNotContain("secretTunnel", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret tunnel", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);

        // Typing the URL by hand: the same "not found" as for an id that does not exist.
        await page.GotoBlazorAsync(greywaterUrl!);
        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        Assert.DoesNotContain("Greywater", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await browser.ScreenshotAsync(page, "player-greywater-not-found");
    }

    [Fact]
    public async Task WhenANewcomerRegistersAndCreatesACampaign_ThenTheyOwnItAndCanSignOutAndBackIn()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await page.GotoBlazorAsync("/Account/Register");
        await page.GetByLabel("Display name").FillAsync("Nell");
        await page.GetByLabel("Email").FillAsync("nell@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Newcomer!2026");
        await page.GetByLabel("Confirm Password").FillAsync("Newcomer!2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Register", StringComparison.OrdinalIgnoreCase));

        await page.GotoBlazorAsync("/campaigns");
        await Assertions.Expect(page.GetByText("You are not in any campaign yet.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New campaign" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("form-errors")).ToContainTextAsync("Name is required.");
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Stolen Lands");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Assertions.Expect(new CampaignPage(page).Name).ToHaveTextAsync("Stolen Lands");
        await Assertions.Expect(page.GetByText("You own this campaign")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "newcomer-owns-campaign");

        await page.GetByRole(AriaRole.Button, new() { Name = "Nell" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        // Signed out, the campaign page it was on asks to sign in again.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        await new LoginPage(page).SignInAsync("nell@example.com", "Newcomer!2026");
        await new CampaignPage(page).OpenFromCampaignListAsync("Stolen Lands");
    }
}
