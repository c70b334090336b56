using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Connection;

/// <summary>When every attempt has failed: a red indicator, a clear final panel, and a way out that works.</summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public sealed class ConnectionFailureBrowserTests(BrowserFixture browser, FewAttemptsAppHost host) : IClassFixture<FewAttemptsAppHost>
{
    [Fact]
    public async Task WhenEveryAttemptFails_ThenThePanelSaysCouldNotReconnectAndReloadBringsThePageBack()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await new LoginPage(page).SignInAsync("gm@example.com");
        await new CampaignPage(page).OpenFromCampaignListAsync(ConnectionBrowserTests.Campaign);
        var indicator = page.GetByTestId("connection-indicator");
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connected");
        await ConnectionRecorder.StartAsync(page);
        await page.RouteAsync(ConnectionBrowserTests.Negotiate, route => route.AbortAsync());

        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

        // Three attempts one second apart, then the end of the schedule.
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "error", new() { Timeout = 15_000 });
        await Assertions.Expect(indicator).ToContainTextAsync("Could not reconnect");
        var panel = page.GetByTestId("reconnect-panel");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Could not reconnect", new() { UseInnerText = true });
        await Assertions.Expect(panel).ToContainTextAsync("after 3 attempts");
        var events = await ConnectionRecorder.EventsAsync(page);
        Assert.Equal([1, 2, 3], events.Where(e => e.State == "retrying").Select(e => e.Attempt).Distinct());
        Assert.Equal("failed", events[^1].State);
        await browser.ScreenshotAsync(page, "connection-could-not-reconnect");

        // Retrying while the server is still out of reach says so and stays in the final state.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Retry now" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The server still cannot be reached.");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Could not reconnect", new() { UseInnerText = true });

        await page.UnrouteAsync(ConnectionBrowserTests.Negotiate);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();

        await page.WaitForFunctionAsync("() => window.__connection === undefined", null, new() { Timeout = 15_000 });
        await page.WaitForBlazorAsync();
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(panel).ToBeHiddenAsync();
        await Assertions.Expect(new CampaignPage(page).Name).ToHaveTextAsync(ConnectionBrowserTests.Campaign);
    }
}
