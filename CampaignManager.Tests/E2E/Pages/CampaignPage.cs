using CampaignManager.Tests.Integration.Api;
using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Pages;

/// <summary>A campaign: calendar, kingdom panel, settlements table.</summary>
public sealed class CampaignPage(IPage page)
{
    public ILocator Name => page.GetByTestId("campaign-name");

    public ILocator CalendarLine => page.GetByTestId("calendar-line");

    public ILocator SettlementsTable => page.GetByTestId("settlements-table");

    /// <summary>A new tab of Oskar's, a player, on the demo campaign's page with its circuit up.</summary>
    public static async Task<IPage> OpenAsPlayerAsync(BrowserFixture browser, AppHost host)
    {
        var player = await browser.NewPageAsync(host.BaseAddress);
        await new LoginPage(player).SignInAsync(ApiClients.Player);
        await new CampaignPage(player).OpenFromCampaignListAsync("The Vellmark Charter");
        return player;
    }

    /// <param name="campaignsUrl">The list to start from: another instance's, when the page's context has another base address.</param>
    public async Task OpenFromCampaignListAsync(string campaignName, string campaignsUrl = "/campaigns")
    {
        await page.GotoBlazorAsync(campaignsUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = campaignName }).ClickAsync();
        await Assertions.Expect(Name).ToHaveTextAsync(campaignName);
        // A click before the router has taken the links loads the page in full (MainLayout): then the
        // name shows before that page's circuit is up. Nothing reaches the page until it is.
        await page.WaitForBlazorAsync();
    }

    public async Task RenameSettlementAsync(string currentName, string newName)
    {
        await SettlementsTable.GetByRole(AriaRole.Button, new() { Name = $"Edit {currentName}", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(newName);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    public async Task AdvanceClockAsync(string buttonText)
    {
        await page.GetByTestId("world-time-controls").GetByRole(AriaRole.Button, new() { Name = buttonText, Exact = true }).ClickAsync();
    }

    public async Task OpenSettlementAsync(string settlementName)
    {
        await SettlementsTable.GetByRole(AriaRole.Link, new() { Name = settlementName, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("settlement-name")).ToHaveTextAsync(settlementName);
        await page.WaitForBlazorAsync();
    }
}
