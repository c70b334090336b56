using System.Diagnostics;
using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Connection;

/// <summary>
/// The connection indicator and the reconnect panel in Chromium: the circuit dropped with
/// <c>Blazor._internal.forceCloseConnection()</c> and held down by aborting <c>/_blazor/negotiate</c>;
/// Redis killed and restarted under a live page.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public sealed class ConnectionBrowserTests(BrowserFixture browser, RedisServerFixture redis, ConnectionAppHost host, ITestOutputHelper output)
    : IClassFixture<ConnectionAppHost>, IAsyncLifetime
{
    internal const string Campaign = "The Vellmark Charter";
    internal const string Negotiate = "**/_blazor/negotiate**";

    private readonly List<string> _console = [];

    private static readonly PageWaitForFunctionOptions UpTo30Seconds = new() { Timeout = 30_000, PollingInterval = 50 };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // A test that stopped the collection's Redis must not leave it down for the next one.
    public async ValueTask DisposeAsync() => await redis.StartAsync();

    [Fact]
    public async Task WhenTheCircuitDropsAndTheServerStaysOutOfReach_ThenTheIndicatorCountsBackedOffAttemptsAndTurnsGreenThenHidesWhenItIsBack()
    {
        var page = await OpenCampaignAsync();
        var indicator = page.GetByTestId("connection-indicator");

        // The page runs the schedule the server computed from Realtime:Reconnect.
        var rendered = await page.EvaluateAsync<int[][]>("() => window.campaignReconnect.schedule");
        Assert.Equal(ReconnectBackoff.Schedule(ConnectionAppHost.Reconnect).Select(r => new[] { r.Min, r.Max }), rendered);

        await page.RouteAsync(Negotiate, route => route.AbortAsync());
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");

        await page.WaitForFunctionAsync("() => window.__connection.events.some(e => e.state === 'retrying' && e.attempt >= 5)", null, UpTo30Seconds);
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connecting");
        await Assertions.Expect(indicator).ToContainTextAsync("Reconnecting… attempt 5");
        await Assertions.Expect(page.GetByTestId("reconnect-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("reconnect-progress")).ToContainTextAsync("Attempt 5 of 30");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retry now" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "connection-reconnecting-attempt-5");

        var retrying = (await ConnectionRecorder.EventsAsync(page)).Where(e => e.State == "retrying").ToList();
        Assert.Equal([1, 2, 3, 4, 5], retrying.Select(e => e.Attempt).Distinct().Take(5));
        var shownAttempts = (await ConnectionRecorder.IndicatorAsync(page)).Where(s => s.State == "connecting" && s.Attempt > 0).Select(s => s.Attempt).Distinct();
        Assert.Equal([1, 2, 3, 4, 5], shownAttempts.Take(5));

        // Attempt k's countdown starts with its first "retrying" event and ends with its last (0 s left), right before
        // the attempt: that is the delay ReconnectBackoff allows after k-1 attempts, drawn within its jitter range
        // (blazor.web.js 10.0 waits at least 1 s). With 1 s doubling to a 4 s cap: ~1 s, ~2 s, ~4 s, ~4 s (3.2-4 s).
        // Timers only ever fire late, by more on a busy machine: a late margin, no early one.
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var countdown = retrying.Where(e => e.Attempt == attempt).ToList();
            var waited = countdown[^1].T - countdown[0].T;
            var (min, max) = ReconnectBackoff.Range(attempt - 1, ConnectionAppHost.Reconnect)!.Value;
            output.WriteLine($"attempt {attempt}: waited {waited:0} ms (policy [{min}, {max}] ms), next attempt began {retrying.First(e => e.Attempt == attempt + 1).T - countdown[0].T:0} ms after this one");
            Assert.Equal(0, countdown[^1].SecondsToNextAttempt);
            Assert.InRange(waited, Math.Max(min, 1000) - 20, Math.Max(max, 1000) + 1000);
        }

        await page.UnrouteAsync(Negotiate);
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("reconnect-panel")).ToBeHiddenAsync();
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-hidden", "true", new() { Timeout = 6_000 });
        await Assertions.Expect(indicator).ToBeHiddenAsync();

        var snapshots = await ConnectionRecorder.IndicatorAsync(page);
        var green = snapshots.Last(s => s.State == "connected" && s.Hidden != "true").T;
        var hidden = snapshots.First(s => s.Hidden == "true" && s.T >= green).T;
        output.WriteLine($"hidden {hidden - green:0} ms after turning green");
        Assert.InRange(hidden - green, 2_900, 5_000);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "The page was reloaded instead of rejoining its circuit.");
        await browser.ScreenshotAsync(page, "connection-back-and-hidden");
    }

    [Fact]
    public async Task WhenTheServerIsBackAndTheUserPressesRetryNow_ThenTheSameCircuitIsRejoinedAtOnceAndWorks()
    {
        var page = await OpenCampaignAsync();
        var indicator = page.GetByTestId("connection-indicator");
        await page.RouteAsync(Negotiate, route => route.AbortAsync());
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        // Attempt 3 waits 3.2-4 s: long enough to see the button beat it.
        await page.WaitForFunctionAsync("() => window.__connection.events.some(e => e.state === 'retrying' && e.attempt === 3)", null, UpTo30Seconds);
        await Assertions.Expect(page.GetByTestId("reconnect-progress")).ToContainTextAsync("next try in");

        await page.UnrouteAsync(Negotiate);
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry now" }).ClickAsync();

        try
        {
            await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 10_000 });
            output.WriteLine($"connected {clock.ElapsedMilliseconds} ms after Retry now");
            await Assertions.Expect(page.GetByTestId("reconnect-panel")).ToBeHiddenAsync();
            // blazor.web.js ends the interrupted retry loop at its next countdown tick (within a second) and reports
            // "failed" although the circuit is up: neither the panel nor the indicator may believe it.
            await page.WaitForTimeoutAsync(1_500);
            await Assertions.Expect(page.GetByTestId("reconnect-panel")).ToBeHiddenAsync(new() { Timeout = 100 });
            await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 100 });
        }
        catch
        {
            await DumpAsync(page);
            throw;
        }

        var events = await ConnectionRecorder.EventsAsync(page);
        output.WriteLine("events: " + string.Join(", ", events.Select(e => e.State == "retrying" ? $"retrying {e.Attempt}" : e.State).Distinct()));
        var attempts = events.Where(e => e.State == "retrying").Select(e => e.Attempt).Distinct();
        Assert.Equal([1, 2, 3], attempts);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "The page was reloaded instead of rejoining its circuit.");

        // The rejoined circuit answers clicks.
        var campaign = new CampaignPage(page);
        var before = await campaign.CalendarLine.TextContentAsync();
        await campaign.AdvanceClockAsync("+1 hour");
        await Assertions.Expect(campaign.CalendarLine).Not.ToHaveTextAsync(before!);
    }

    [Fact]
    public async Task WhenThisInstanceLosesRedis_ThenTheIndicatorSaysLiveUpdatesArePausedUntilRedisIsBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await OpenCampaignAsync();
        var indicator = page.GetByTestId("connection-indicator");
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-hidden", "true", new() { Timeout = 6_000 });

        var clock = Stopwatch.StartNew();
        await redis.StopAsync(ct);

        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-live", "paused", new() { Timeout = 15_000 });
        output.WriteLine($"paused {clock.ElapsedMilliseconds} ms after Redis was killed");
        await Assertions.Expect(indicator).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("live-updates-paused")).ToHaveTextAsync("Live updates paused");
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connected");
        await browser.ScreenshotAsync(page, "connection-live-updates-paused");

        clock.Restart();
        await redis.StartAsync(ct);

        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-live", "live", new() { Timeout = 30_000 });
        output.WriteLine($"live {clock.ElapsedMilliseconds} ms after Redis was restarted");
        await Assertions.Expect(page.GetByTestId("live-updates-paused")).ToHaveCountAsync(0);
        // Green again: shown for 3 s, then hidden.
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-hidden", "true", new() { Timeout = 6_000 });
        var snapshots = await ConnectionRecorder.IndicatorAsync(page);
        Assert.Contains(snapshots, s => s.Live == "paused" && s.Hidden == "false");
        var live = snapshots.First(s => s.Live == "live" && snapshots.Any(p => p.Live == "paused" && p.T < s.T)).T;
        Assert.InRange(snapshots.Last(s => s.Hidden == "true").T - live, 2_900, 5_000);
    }

    private async Task DumpAsync(IPage page)
    {
        foreach (var e in await ConnectionRecorder.EventsAsync(page))
        {
            output.WriteLine($"event {e}");
        }

        foreach (var s in await ConnectionRecorder.IndicatorAsync(page))
        {
            output.WriteLine($"indicator {s}");
        }

        output.WriteLine("message: " + await page.EvaluateAsync<string>("() => document.querySelector('.cm-reconnect-message')?.textContent"));
        output.WriteLine("console: " + string.Join("\n", _console));
        await browser.ScreenshotAsync(page, "connection-retry-now-dump");
    }

    private async Task<IPage> OpenCampaignAsync()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        page.Console += (_, m) => _console.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {m.Type}: {m.Text}");
        await new LoginPage(page).SignInAsync("gm@example.com");
        await new CampaignPage(page).OpenFromCampaignListAsync(Campaign);
        await Assertions.Expect(page.GetByTestId("connection-indicator")).ToHaveAttributeAsync("data-state", "connected");
        await ConnectionRecorder.StartAsync(page);
        await page.EvaluateAsync("() => window.__noReload = true");
        return page;
    }
}
