using System.Text.Json;
using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.E2E;

/// <summary>
/// The toast that says who changed what, as Chromium draws it: it adds no style sheet to the page,
/// runs no animation past its 150 ms fade-in while it shows, and is gone after its 4 s (Layout/LiveNotifications.razor).
/// Every open tab of a campaign shows one per change someone else makes.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public class LiveToastBrowserTests(BrowserFixture browser, AppHost host) : IClassFixture<AppHost>
{
    // Resolves once a toast shows: its text, the page's style sheets before and with it, the longest
    // animation on it 400 ms in (at most its 150 ms fade-in), what runs and its opacity 1.5 s in, and the
    // toasts left 4.5 s in.
    private const string SampleScript = """
        () => new Promise((resolve, reject) => {
            const selector = "[data-testid=live-notifications] [role=status]";
            const stylesBefore = document.styleSheets.length;
            const deadline = performance.now() + 10000;
            const poll = () => {
                const toast = document.querySelector(selector);
                if (toast) {
                    const samples = { text: toast.textContent.trim(), stylesBefore, stylesWith: document.styleSheets.length };
                    const region = document.querySelector("[data-testid=live-notifications]");
                    setTimeout(() => {
                        // On a loaded machine the fade-in can start late; what must not run is a longer animation.
                        samples.longest = Math.max(0, ...region.getAnimations({ subtree: true }).map(a => {
                            const t = a.effect.getTiming();
                            const total = (t.delay || 0) + t.duration * t.iterations;
                            return Number.isFinite(total) ? total : 1e9;
                        }));
                    }, 400);
                    setTimeout(() => {
                        samples.running = region.getAnimations({ subtree: true }).length;
                        samples.opacity = Number(getComputedStyle(toast).opacity);
                    }, 1500);
                    setTimeout(() => { samples.left = document.querySelectorAll(selector).length; resolve(samples); }, 4500);
                } else if (performance.now() > deadline) {
                    reject(new Error("no toast within 10 s"));
                } else {
                    setTimeout(poll, 5);
                }
            };
            poll();
        })
        """;

    [Fact]
    public async Task WhenAnotherUserRenamesASettlement_ThenAToastSaysSo_WithNoStyleSheetAdded_NoAnimationRunning_AndGoesAfter4Seconds()
    {
        var player = await CampaignPage.OpenAsPlayerAsync(browser, host);
        using var gameMaster = await RestGameMaster.SignInAsync(host);

        var sampling = player.EvaluateAsync<JsonElement>(SampleScript);
        await gameMaster.RenameTallowfordAsync("Tallowford Crossing");
        var samples = await sampling;

        Assert.Equal("Mara renamed Tallowford to Tallowford Crossing", samples.GetProperty("text").GetString());
        Assert.Equal(samples.GetProperty("stylesBefore").GetInt32(), samples.GetProperty("stylesWith").GetInt32());
        Assert.InRange(samples.GetProperty("longest").GetDouble(), 0, 150);
        Assert.Equal(0, samples.GetProperty("running").GetInt32());
        Assert.Equal(1, samples.GetProperty("opacity").GetDouble());
        Assert.Equal(0, samples.GetProperty("left").GetInt32());
    }
}
