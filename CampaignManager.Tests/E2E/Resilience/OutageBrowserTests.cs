using System.Diagnostics;
using CampaignManager.Tests.E2E.Connection;
using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Resilience;

/// <summary>
/// Two instances behind nginx: a browser's network gone for 10 s, and Redis crashing and coming back, while other
/// users keep editing. Afterwards every tab shows what the database holds, without a reload by hand.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public sealed class OutageBrowserTests(BrowserFixture browser, RedisServerFixture redis, BalancedInstances hosts, ITestOutputHelper output)
    : IClassFixture<BalancedInstances>, IAsyncLifetime
{
    private static readonly TimeSpan NetworkDrop = TimeSpan.FromSeconds(10);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // A test that stopped the collection's Redis must not leave it down for the next one.
    public async ValueTask DisposeAsync() => await redis.StartAsync();

    [Fact]
    public async Task WhenAPlayersNetworkDropsFor10SecondsWhileTheGameMasterEdits_ThenTheIndicatorGoesAmberThenGreenAndTheEditsAreThere()
    {
        var ct = TestContext.Current.CancellationToken;
        var player = await hosts.OpenCampaignAsync(browser, NginxServer.SecondInstance, "oskar@example.com");
        var gameMaster = await hosts.OpenCampaignAsync(browser, NginxServer.FirstInstance, "gm@example.com");
        var indicator = player.GetByTestId("connection-indicator");
        await CircuitProbe.MarkAsync(player);

        var drop = Stopwatch.StartNew();
        await CircuitProbe.DropNetworkAsync(player);
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connecting");
        await Assertions.Expect(indicator).ToBeVisibleAsync();

        var gm = new CampaignPage(gameMaster);
        await gm.RenameSettlementAsync("Tallowford", "Tallowford Crossing");
        await gm.AdvanceClockAsync("+1 day");
        await hosts.ExpectShowsTheDatabaseAsync(gameMaster, gameMaster: true);
        await browser.ScreenshotAsync(player, "resilience-network-drop-reconnecting");

        // Keep the network away for the whole 10 s, then give it back.
        if (NetworkDrop > drop.Elapsed)
        {
            await Task.Delay(NetworkDrop - drop.Elapsed, ct);
        }

        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connecting", new() { Timeout = 100 });
        await CircuitProbe.RestoreNetworkAsync(player);

        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
        output.WriteLine($"connected again {drop.ElapsedMilliseconds} ms after the drop");
        await hosts.ExpectShowsTheDatabaseAsync(player, gameMaster: false);
        await Assertions.Expect(new CampaignPage(player).SettlementsTable.GetByRole(AriaRole.Link, new() { Name = "Tallowford Crossing" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(player, "resilience-network-drop-back");

        // Amber while down, green once back: in that order, and the same page throughout (its circuit was rejoined).
        var states = (await ConnectionRecorder.IndicatorAsync(player)).Select(s => s.State).ToList();
        output.WriteLine("indicator: " + string.Join(" → ", states.Where((s, i) => i == 0 || states[i - 1] != s)));
        var amber = states.IndexOf("connecting");
        Assert.True(amber >= 0, "The indicator never turned amber.");
        Assert.Contains("connected", states.Skip(amber));
        Assert.Equal("connected", states[^1]);
        Assert.True(await CircuitProbe.IsSamePageAsync(player), "The page was reloaded instead of rejoining its circuit.");
        Assert.Equal(NginxServer.SecondInstance, await BalancedInstances.InstanceOfAsync(player));

        // And it works: the player's circuit answers and the game master's next change arrives live.
        await gm.AdvanceClockAsync("+1 hour");
        await hosts.ExpectShowsTheDatabaseAsync(player, gameMaster: false);
    }

    [Fact]
    public async Task WhenRedisCrashesAndComesBackMidSession_ThenEveryTabOnBothInstancesSaysPausedThenLiveAndEndsWithEveryEdit()
    {
        var ct = TestContext.Current.CancellationToken;
        var gameMasterOnFirst = await hosts.OpenCampaignAsync(browser, NginxServer.FirstInstance, "gm@example.com");
        var gameMasterOnSecond = await hosts.OpenCampaignAsync(browser, NginxServer.SecondInstance, "gm@example.com");
        var player = await hosts.OpenCampaignAsync(browser, NginxServer.SecondInstance, "tamsin@example.com");
        IPage[] tabs = [gameMasterOnFirst, gameMasterOnSecond, player];
        foreach (var tab in tabs)
        {
            await ConnectionRecorder.StartAsync(tab);
        }

        await redis.StopAsync(ct);
        foreach (var tab in tabs)
        {
            await Assertions.Expect(tab.GetByTestId("connection-indicator")).ToHaveAttributeAsync("data-live", "paused", new() { Timeout = 20_000 });
        }

        await Assertions.Expect(player.GetByTestId("live-updates-paused")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(player, "resilience-redis-down-live-updates-paused");

        // Edits on both instances while they cannot tell each other.
        await new CampaignPage(gameMasterOnFirst).RenameSettlementAsync("Brindlehold", "Brindlehold Market");
        var calendar = new CampaignPage(gameMasterOnSecond).CalendarLine;
        var before = await calendar.TextContentAsync();
        await new CampaignPage(gameMasterOnSecond).AdvanceClockAsync("+1 week");
        await Assertions.Expect(calendar).Not.ToHaveTextAsync(before!);

        await redis.StartAsync(ct);
        foreach (var tab in tabs)
        {
            await Assertions.Expect(tab.GetByTestId("connection-indicator")).ToHaveAttributeAsync("data-live", "live", new() { Timeout = 30_000 });
        }

        // An edit after the outage, then every tab must show everything.
        await new CampaignPage(gameMasterOnSecond).AdvanceClockAsync("+1 hour");
        await hosts.ExpectShowsTheDatabaseAsync(gameMasterOnFirst, gameMaster: true);
        await hosts.ExpectShowsTheDatabaseAsync(gameMasterOnSecond, gameMaster: true);
        await hosts.ExpectShowsTheDatabaseAsync(player, gameMaster: false);
        await Assertions.Expect(new CampaignPage(player).SettlementsTable.GetByRole(AriaRole.Link, new() { Name = "Brindlehold Market" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(player, "resilience-redis-back-live");

        foreach (var tab in tabs)
        {
            var live = (await ConnectionRecorder.IndicatorAsync(tab)).Select(s => s.Live).ToList();
            var paused = live.IndexOf("paused");
            Assert.True(paused >= 0, "The indicator never said live updates were paused.");
            Assert.Contains("live", live.Skip(paused));
            // The circuits were never in question.
            Assert.All(await ConnectionRecorder.IndicatorAsync(tab), s => Assert.Equal("connected", s.State));
        }
    }
}
