using System.Diagnostics;
using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Resilience;

/// <summary>
/// A drop that outlives the server's circuit retention (a laptop asleep for minutes): the server has evicted the
/// circuit, so the tab cannot rejoin it. It must come back by itself where the user was, showing what changed
/// meanwhile, and work.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public sealed class CircuitEvictedBrowserTests(BrowserFixture browser, EvictingInstances hosts, ITestOutputHelper output)
    : IClassFixture<EvictingInstances>
{
    [Fact]
    public async Task WhenTheDropOutlivesTheCircuitRetention_ThenTheTabComesBackWhereTheUserWasWithCurrentDataAndWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        var traveller = await hosts.OpenCampaignAsync(browser, NginxServer.FirstInstance, "gm@example.com");
        await new CampaignPage(traveller).OpenSettlementAsync("Brindlehold");
        var whereTheUserWas = traveller.Url;
        var colleague = await hosts.OpenCampaignAsync(browser, NginxServer.SecondInstance, "gm@example.com");
        await new CampaignPage(colleague).OpenSettlementAsync("Brindlehold");
        var indicator = traveller.GetByTestId("connection-indicator");
        await CircuitProbe.MarkAsync(traveller);

        var drop = Stopwatch.StartNew();
        await CircuitProbe.DropNetworkAsync(traveller);
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connecting");
        await new SettlementPage(colleague).RenameStructureAsync("Mill", "Watermill");
        await browser.ScreenshotAsync(traveller, "resilience-circuit-evicted-reconnecting");

        // Away for well over the retention: the server's eviction timer has long fired, also on a busy machine.
        var away = EvictingInstances.Retention * 3;
        if (away > drop.Elapsed)
        {
            await Task.Delay(away - drop.Elapsed, ct);
        }

        await CircuitProbe.RestoreNetworkAsync(traveller);

        var reloaded = await CircuitProbe.WaitForNewCircuitAsync(traveller);
        output.WriteLine($"back {drop.ElapsedMilliseconds} ms after the drop, {(reloaded ? "by reloading the page" : "on a resumed circuit")}");
        await browser.ScreenshotAsync(traveller, "resilience-circuit-evicted-back");

        Assert.Equal(whereTheUserWas, traveller.Url);
        await Assertions.Expect(traveller.GetByTestId("settlement-name")).ToHaveTextAsync("Brindlehold");
        await Assertions.Expect(new SettlementPage(traveller).StructureNames.GetByText("Watermill", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(indicator).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(traveller.GetByTestId("reconnect-panel")).ToBeHiddenAsync();

        // Not a picture of a page: it edits, and the colleague sees it.
        await new SettlementPage(traveller).RenameStructureAsync("Granary", "Great Granary");
        await Assertions.Expect(new SettlementPage(colleague).StructureNames.GetByText("Great Granary", new() { Exact = true }))
            .ToBeVisibleAsync(new() { Timeout = 10_000 });
    }
}
