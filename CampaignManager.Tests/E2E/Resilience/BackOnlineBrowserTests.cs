using CampaignManager.Tests.E2E.Connection;
using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Resilience;

/// <summary>
/// The browser's network comes back in the middle of a long wait for the next attempt (the backoff reaches 32 s):
/// the page reconnects when the browser says it is online again, not when the countdown ends.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public sealed class BackOnlineBrowserTests(BrowserFixture browser, BackOnlineBrowserTests.LongWaitAppHost host)
    : IClassFixture<BackOnlineBrowserTests.LongWaitAppHost>
{
    [Fact]
    public async Task WhenTheBrowserComesBackOnlineDuringALongCountdown_ThenItReconnectsAtOnceToTheSameCircuit()
    {
        var context = await browser.NewContextAsync(host.BaseAddress);
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("gm@example.com");
        await new CampaignPage(page).OpenFromCampaignListAsync(BalancedInstances.Campaign);
        var indicator = page.GetByTestId("connection-indicator");
        await CircuitProbe.MarkAsync(page);

        // Wi-Fi off: the socket drops and the first attempt is 30 s away.
        await context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await page.WaitForFunctionAsync(
            "() => window.__connection.events.some(e => e.state === 'retrying' && e.attempt === 1 && e.seconds > 0 && e.seconds <= 28)",
            null, new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("reconnect-progress")).ToContainTextAsync("Attempt 1 of");

        await context.SetOfflineAsync(false);

        // Well before the countdown (over 15 s left) could have run out.
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 12_000 });
        await Assertions.Expect(page.GetByTestId("reconnect-panel")).ToBeHiddenAsync();
        Assert.True(await CircuitProbe.IsSamePageAsync(page), "The page was reloaded instead of rejoining its circuit.");
        Assert.DoesNotContain(await ConnectionRecorder.EventsAsync(page), e => e.State == "retrying" && e.Attempt > 1);
    }

    /// <summary>The app with waits of 30 s between attempts (no jitter).</summary>
    public sealed class LongWaitAppHost : AppHost
    {
        public LongWaitAppHost() => Settings = ConnectionAppHost.ReconnectSettings(new ReconnectOptions
        {
            BaseDelayMilliseconds = 30_000,
            MaxDelayMilliseconds = 30_000,
            MaxAttempts = 5,
            JitterRatio = 0,
        });
    }
}
