using System.Text.Json;
using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.E2E;

/// <summary>
/// The highlight of another user's change, as Chromium draws it: the colour is held at full strength
/// with no animation running, then fades in 0.3 s (app.css, wwwroot/js/highlight-fade.js), and a
/// second change mid-highlight starts the hold over.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public class HighlightBrowserTests(BrowserFixture browser, AppHost host) : IClassFixture<AppHost>
{
    private const string LitRow = "[data-testid=settlements-table] tr.cm-flash";

    // Resolves once the lit row's highlight key (cm-flash or cm-flash-again) differs from `previous`
    // (null: any), then samples the overlay's opacity `heldAfter` ms and 2,000 ms after that moment.
    // A MutationObserver sees the class in the same microtask checkpoint as highlight-fade.js, so the
    // samples' timers start with its 1.2 s hold and fire in order before it, however long the tab
    // stalls. (A 5 ms poll, as before, could notice the class only after a long render task: once in
    // CI it sampled "held" after the fade had begun.)
    private const string SampleScript = """
        ({ selector, previous, heldAfter }) => new Promise((resolve, reject) => {
            const keyOf = row => row.classList.contains("cm-flash-again") ? "again" : "lit";
            const opacity = row => Number(getComputedStyle(row, "::after").opacity);
            let found = false;
            const sample = row => {
                found = true;
                observer.disconnect();
                clearTimeout(deadline);
                const samples = { key: keyOf(row), atStart: opacity(row), running: row.getAnimations({ subtree: true }).length };
                setTimeout(() => {
                    samples.held = opacity(row);
                    samples.runningWhileHeld = row.getAnimations({ subtree: true }).length;
                }, heldAfter);
                setTimeout(() => { samples.ended = opacity(row); resolve(samples); }, 2000);
            };
            const check = () => {
                const row = found ? null : document.querySelector(selector);
                if (row && keyOf(row) !== previous) {
                    sample(row);
                }
            };
            const observer = new MutationObserver(check);
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
            const deadline = setTimeout(() => {
                observer.disconnect();
                reject(new Error(`no row matched ${selector} with a new highlight within 10 s`));
            }, 10000);
            check();
        })
        """;

    [Fact]
    public async Task WhenAnotherUserRenamesASettlement_ThenItsRowHoldsTheColourWithNoAnimationAndThenFadesOut()
    {
        var player = await CampaignPage.OpenAsPlayerAsync(browser, host);
        using var gameMaster = await RestGameMaster.SignInAsync(host);

        var sampling = player.EvaluateAsync<JsonElement>(SampleScript, new { selector = LitRow, previous = (string?)null, heldAfter = 1000 });
        await gameMaster.RenameTallowfordAsync("Tallowford Crossing");
        var samples = await sampling;

        Assert.Equal(1, samples.GetProperty("atStart").GetDouble());
        Assert.Equal(1, samples.GetProperty("held").GetDouble());
        Assert.Equal(0, samples.GetProperty("running").GetInt32());
        Assert.Equal(0, samples.GetProperty("runningWhileHeld").GetInt32());
        Assert.Equal(0, samples.GetProperty("ended").GetDouble());
    }

    [Fact]
    public async Task WhenTheSameSettlementChangesAgainMidHighlight_ThenTheHoldStartsOver()
    {
        var player = await CampaignPage.OpenAsPlayerAsync(browser, host);
        using var gameMaster = await RestGameMaster.SignInAsync(host);

        var first = player.EvaluateAsync<JsonElement>(SampleScript, new { selector = LitRow, previous = (string?)null, heldAfter = 900 });
        await gameMaster.RenameTallowfordAsync("Tallowford Ford");
        var firstKey = await player.WaitForFunctionAsync(
            "selector => { const row = document.querySelector(selector); return row && (row.classList.contains('cm-flash-again') ? 'again' : 'lit'); }",
            LitRow);
        // 0.9 s into the first hold: without a restart its fade would begin 0.3 s later.
        await Task.Delay(900, TestContext.Current.CancellationToken);
        var second = player.EvaluateAsync<JsonElement>(SampleScript, new { selector = LitRow, previous = await firstKey.JsonValueAsync<string>(), heldAfter = 900 });
        await gameMaster.RenameTallowfordAsync("Tallowford Mill");
        var again = await second;
        await first;

        Assert.Equal(1, again.GetProperty("atStart").GetDouble());
        Assert.Equal(1, again.GetProperty("held").GetDouble());
        Assert.Equal(0, again.GetProperty("ended").GetDouble());
    }
}
