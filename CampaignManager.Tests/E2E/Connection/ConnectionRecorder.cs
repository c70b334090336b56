using System.Text.Json;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Connection;

/// <summary>
/// Records, in the page, every <c>components-reconnect-state-changed</c> detail raised on the reconnect dialog and every
/// change of the connection indicator's attributes, with <c>performance.now()</c> timestamps (<c>window.__connection</c>):
/// the dialog and the indicator can change between two polls, the log cannot miss it.
/// </summary>
public static class ConnectionRecorder
{
    private const string Script = """
        () => {
          const log = window.__connection = { events: [], indicator: [] };
          document.getElementById('components-reconnect-modal').addEventListener('components-reconnect-state-changed',
            e => log.events.push({ state: e.detail.state, attempt: e.detail.currentAttempt ?? 0, seconds: e.detail.secondsToNextAttempt ?? 0, t: performance.now() }));
          const el = document.querySelector('[data-testid=connection-indicator]');
          const snap = () => log.indicator.push({ state: el.dataset.state, attempt: Number(el.dataset.attempt), hidden: el.dataset.hidden ?? '', live: el.dataset.live, t: performance.now() });
          new MutationObserver(snap).observe(el, { attributes: true, attributeFilter: ['data-state', 'data-attempt', 'data-hidden', 'data-live'] });
          snap();
        }
        """;

    /// <summary>Starts recording (call it once the indicator is on the page).</summary>
    public static Task StartAsync(IPage page) => page.EvaluateAsync(Script);

    /// <summary>The reconnect dialog's events so far.</summary>
    public static async Task<List<StateEvent>> EventsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.__connection.events");
        return [.. json.EnumerateArray().Select(e => new StateEvent(
            e.GetProperty("state").GetString()!, e.GetProperty("attempt").GetInt32(), e.GetProperty("seconds").GetInt32(), e.GetProperty("t").GetDouble()))];
    }

    /// <summary>The indicator's attributes after each change so far (the first entry is the state when recording started).</summary>
    public static async Task<List<IndicatorSnapshot>> IndicatorAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("() => window.__connection.indicator");
        return [.. json.EnumerateArray().Select(e => new IndicatorSnapshot(
            e.GetProperty("state").GetString()!, e.GetProperty("attempt").GetInt32(), e.GetProperty("hidden").GetString()!,
            e.GetProperty("live").GetString()!, e.GetProperty("t").GetDouble()))];
    }

    public sealed record StateEvent(string State, int Attempt, int SecondsToNextAttempt, double T);

    public sealed record IndicatorSnapshot(string State, int Attempt, string Hidden, string Live, double T);
}
