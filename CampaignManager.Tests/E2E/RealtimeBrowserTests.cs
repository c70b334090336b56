using System.Text;
using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E;

/// <summary>Every open tab shows the same truth: two instances, real Redis, real Chromium.</summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public class RealtimeBrowserTests(BrowserFixture browser, TwoInstances hosts) : IClassFixture<TwoInstances>
{
    private const string Campaign = "The Vellmark Charter";

    [Fact]
    public async Task WhenTheGameMasterRenamesASettlementOnOneInstance_ThenThePlayersPageOnTheOtherShowsItWithoutReload()
    {
        var player = await OpenCampaignAsync(hosts.Second, "oskar@example.com");
        await player.EvaluateAsync("() => window.__noReload = true");
        var gameMaster = await OpenCampaignAsync(hosts.First, "gm@example.com");

        await new CampaignPage(gameMaster).RenameSettlementAsync("Tallowford", "Tallowford Crossing");

        var table = new CampaignPage(player).SettlementsTable;
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "Tallowford Crossing" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.True(await player.EvaluateAsync<bool>("() => window.__noReload === true"), "The player's page was reloaded.");
        await Assertions.Expect(player.GetByText("Mara renamed Tallowford to Tallowford Crossing").First).ToBeVisibleAsync();
        await browser.ScreenshotAsync(player, "player-sees-rename-live");
    }

    [Fact]
    public async Task WhenTheGameMasterAdvancesTheClock_ThenThePlayersCalendarAndTheGameMastersOtherTabMove()
    {
        var context = await browser.NewContextAsync(hosts.First.BaseAddress);
        var tabA = await context.NewPageAsync();
        await new LoginPage(tabA).SignInAsync("gm@example.com");
        await new CampaignPage(tabA).OpenFromCampaignListAsync(Campaign);
        var tabB = await context.NewPageAsync();
        await tabB.GotoBlazorAsync(hosts.Second.BaseAddress + new Uri(tabA.Url).AbsolutePath);
        var player = await OpenCampaignAsync(hosts.Second, "tamsin@example.com");
        var before = await new CampaignPage(player).CalendarLine.TextContentAsync();

        await new CampaignPage(tabA).AdvanceClockAsync("+1 hour");

        var after = await new CampaignPage(tabA).CalendarLine.TextContentAsync();
        await Assertions.Expect(new CampaignPage(tabA).CalendarLine).Not.ToHaveTextAsync(before!, new() { Timeout = 10_000 });
        after = await new CampaignPage(tabA).CalendarLine.TextContentAsync();
        await Assertions.Expect(new CampaignPage(tabB).CalendarLine).ToHaveTextAsync(after!, new() { Timeout = 10_000 });
        await Assertions.Expect(new CampaignPage(player).CalendarLine).ToHaveTextAsync(after!, new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task WhenTheGameMasterChangesGreywaterLanding_ThenNothingAboutItReachesThePlayersPageOrCircuit()
    {
        var player = await OpenCampaignAsync(hosts.Second, "idris@example.com");
        var frames = new StringBuilder();
        player.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) =>
            {
                lock (frames)
                {
                    frames.Append(frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? []));
                }
            };
        };
        // Re-open so the circuit starts after the listener is attached.
        await player.ReloadAsync();
        await player.WaitForBlazorAsync();
        var gameMaster = await OpenCampaignAsync(hosts.First, "gm@example.com");
        var gm = new CampaignPage(gameMaster);

        await gm.RenameSettlementAsync("Greywater Landing", "Greywater Haven");
        // A visible change afterwards: once the player sees it, the hidden one had every chance to arrive.
        await gm.RenameSettlementAsync("Brindlehold", "Brindlehold Market");
        await Assertions.Expect(new CampaignPage(player).SettlementsTable.GetByRole(AriaRole.Link, new() { Name = "Brindlehold Market" }))
            .ToBeVisibleAsync(new() { Timeout = 10_000 });

        var page = await player.ContentAsync();
        Assert.DoesNotContain("Greywater", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Haven", page, StringComparison.OrdinalIgnoreCase);
        string traffic;
        lock (frames)
        {
            traffic = frames.ToString();
        }

        Assert.Contains("Brindlehold Market", traffic, StringComparison.Ordinal);
        Assert.DoesNotContain("Greywater", traffic, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Haven", traffic, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<IPage> OpenCampaignAsync(AppHost host, string email)
    {
        var page = await browser.NewPageAsync(host.BaseAddress);
        await new LoginPage(page).SignInAsync(email);
        await new CampaignPage(page).OpenFromCampaignListAsync(Campaign);
        return page;
    }
}
