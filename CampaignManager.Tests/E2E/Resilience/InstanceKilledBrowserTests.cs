using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Resilience;

/// <summary>
/// The instance a user is on goes away (crash, deploy): nginx sends the tab to the other instance, where its
/// sign-in cookie is good (one Data Protection key ring), and the user carries on with current data.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public sealed class InstanceKilledBrowserTests(BrowserFixture browser, BalancedInstances hosts, ITestOutputHelper output)
    : IClassFixture<BalancedInstances>
{
    [Fact]
    public async Task WhenTheUsersInstanceIsStopped_ThenTheTabLandsOnTheOtherInstanceAndCarriesOnWithCurrentData()
    {
        var gameMaster = await hosts.OpenCampaignAsync(browser, NginxServer.FirstInstance, "gm@example.com");
        var whereTheUserWas = gameMaster.Url;
        var colleague = await hosts.OpenCampaignAsync(browser, NginxServer.SecondInstance, "gm@example.com");
        await CircuitProbe.MarkAsync(gameMaster);

        await hosts.StopAsync(hosts.First);
        await new CampaignPage(colleague).RenameSettlementAsync("Tallowford", "Tallowford Crossing");

        var reloaded = await CircuitProbe.WaitForNewCircuitAsync(gameMaster);
        output.WriteLine($"back on the other instance {(reloaded ? "by reloading the page" : "on a resumed circuit")}");
        await browser.ScreenshotAsync(gameMaster, "resilience-instance-stopped-moved");

        Assert.Equal(NginxServer.SecondInstance, await BalancedInstances.InstanceOfAsync(gameMaster));
        Assert.Equal(whereTheUserWas, gameMaster.Url);
        await Assertions.Expect(gameMaster.GetByTestId("connection-indicator")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(gameMaster.GetByTestId("reconnect-panel")).ToBeHiddenAsync();
        await hosts.ExpectShowsTheDatabaseAsync(gameMaster, gameMaster: true);
        await Assertions.Expect(new CampaignPage(gameMaster).SettlementsTable.GetByRole(AriaRole.Link, new() { Name = "Tallowford Crossing" })).ToBeVisibleAsync();

        // Still signed in and working: the next change goes through and reaches the colleague.
        await new CampaignPage(gameMaster).AdvanceClockAsync("+1 day");
        await hosts.ExpectShowsTheDatabaseAsync(gameMaster, gameMaster: true);
        await hosts.ExpectShowsTheDatabaseAsync(colleague, gameMaster: true);
    }
}
