using System.Text;
using System.Text.RegularExpressions;
using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.Integration.Api;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E;

/// <summary>
/// A link clicked on a page whose circuit has rendered but whose router does not yet handle links. Until the
/// router takes them (its enableNavigationInterception call reaches the browser), blazor.web.js would follow a
/// link by enhanced navigation: the URL changed, the circuit kept the old page. A quick user on a slow start hit
/// it; here the router's call is held back so the click always lands in that window.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public class EarlyClickBrowserTests(BrowserFixture browser, AppHost host) : IClassFixture<AppHost>
{
    private const string RouterTakesLinks = "enableNavigationInterception";

    [Fact]
    public async Task WhenACampaignLinkIsClickedBeforeTheRouterHandlesLinks_ThenTheCampaignIsShown()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await browser.NewPageAsync(host.BaseAddress);
        await new LoginPage(page).SignInAsync(ApiClients.Player);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sockets = 0;
        var held = 0;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            // Only the campaign list's circuit is held back; a page loaded after it connects as usual.
            var first = Interlocked.Increment(ref sockets) == 1;
            var server = socket.ConnectToServer();
            socket.OnMessage(frame => Forward(frame, server));
            var inOrder = Task.CompletedTask;
            server.OnMessage(frame =>
            {
                var hold = first && Mentions(frame, RouterTakesLinks);
                if (hold)
                {
                    Interlocked.Increment(ref held);
                }

                inOrder = inOrder.ContinueWith(async _ =>
                {
                    if (hold)
                    {
                        await release.Task;
                    }

                    Forward(frame, socket);
                }, TaskScheduler.Default).Unwrap();
            });
        });

        await page.GotoAsync("/campaigns");
        await Poll.UntilAsync(() => Volatile.Read(ref held) == 1, TimeSpan.FromSeconds(30), "the campaign list's circuit rendered", ct);
        await page.GetByRole(AriaRole.Link, new() { Name = "The Vellmark Charter" }).ClickAsync();

        var campaign = new CampaignPage(page);
        await Assertions.Expect(campaign.Name).ToHaveTextAsync("The Vellmark Charter");
        await Assertions.Expect(campaign.SettlementsTable).ToBeVisibleAsync();
        release.SetResult();
        await page.WaitForBlazorAsync();
        await Task.Delay(500, ct);
        Assert.Matches("/campaigns/[0-9a-f-]{36}$", page.Url);
        await Assertions.Expect(campaign.Name).ToHaveTextAsync("The Vellmark Charter", new() { Timeout = 1 });
    }

    private static bool Mentions(IWebSocketFrame frame, string text) =>
        frame.Binary is { } bytes ? Encoding.UTF8.GetString(bytes).Contains(text, StringComparison.Ordinal)
            : frame.Text?.Contains(text, StringComparison.Ordinal) == true;

    private static void Forward(IWebSocketFrame frame, IWebSocketRoute to)
    {
        try
        {
            if (frame.Binary is { } bytes)
            {
                to.Send(bytes);
            }
            else
            {
                to.Send(frame.Text!);
            }
        }
        catch (PlaywrightException)
        {
            // The socket closed meanwhile: its page was replaced.
        }
    }
}
