using Microsoft.Playwright;

namespace CampaignManager.Tests.TestSupport;

/// <summary>Playwright helpers for Blazor Web App pages.</summary>
public static class BlazorPageExtensions
{
    // How "interactive" is detected (read in blazor.web.js 10.0 - DomSync.ts, BrowserRenderer.ts - and observed
    // in Chromium against this app). Each interactive root component is delimited in the prerendered HTML by a start
    // comment <!--Blazor:{"type":"server",...}-->. Its text changes twice:
    //   1. when blazor.web.js discovers the component (before any circuit exists) it becomes "bl-root";
    //   2. when the circuit's first render batch for that component has been applied - its DOM replaced and its
    //      event handlers attached - it becomes "!" (interactive renders also add "!" comments of their own).
    // So the page is ready when window.Blazor exists, no start comment is left in state 0 or 1, and, if anything
    // was rendered interactively, the circuit has started (Blazor.disconnect is assigned right after StartCircuit
    // succeeds). A static SSR page (e.g. the Identity pages under /Account) has none of these comments and is ready
    // once blazor.web.js has loaded. This needs no marker from the app, and unlike window.Blazor or
    // Blazor._internal (both exist before the circuit connects) it means the first interactive render happened.
    private const string InteractiveScript = """
        () => {
          if (!window.Blazor) return false;
          let renderedInteractively = false;
          const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent || '';
            if (text === 'bl-root' || /^Blazor:\{.*"type":"(server|webassembly|auto)"/s.test(text)) return false;
            if (text === '!') renderedInteractively = true;
          }
          return !renderedInteractively || typeof window.Blazor.disconnect === 'function';
        }
        """;

    private const string DiagnosticsScript = """
        () => {
          let discovered = 0, undiscovered = 0;
          const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent || '';
            if (text === 'bl-root') discovered++;
            else if (/^Blazor:\{.*"type":"(server|webassembly|auto)"/s.test(text)) undiscovered++;
          }
          return `window.Blazor ${window.Blazor ? 'loaded' : 'missing'}, circuit ${typeof window.Blazor?.disconnect === 'function' ? 'started' : 'not started'}, `
            + `${discovered} root component(s) waiting for their first interactive render, ${undiscovered} not yet discovered`;
        }
        """;

    /// <summary>
    /// Waits until blazor.web.js has loaded and every interactive root component on the page has been rendered by
    /// the circuit (so clicks and inputs reach the server). Returns at once on a static SSR page once the script
    /// is loaded. Call it after every full navigation (<c>GotoAsync</c>, reload) before interacting.
    /// </summary>
    public static async Task WaitForBlazorAsync(this IPage page, TimeSpan? timeout = null)
    {
        var limit = timeout ?? BrowserFixture.DefaultTimeout;
        try
        {
            await page.WaitForFunctionAsync(InteractiveScript, null, new() { PollingInterval = 50, Timeout = (float)limit.TotalMilliseconds });
        }
        catch (TimeoutException e)
        {
            string state;
            try
            {
                state = await page.EvaluateAsync<string>(DiagnosticsScript);
            }
            catch (PlaywrightException)
            {
                state = "page state unavailable";
            }

            throw new TimeoutException($"Blazor did not become interactive on {page.Url} within {limit.TotalSeconds} s ({state}).", e);
        }
    }

    /// <summary>Navigates to <paramref name="url"/> (absolute, or relative to the context's base address) and waits for Blazor.</summary>
    public static async Task<IResponse?> GotoBlazorAsync(this IPage page, string url, TimeSpan? timeout = null)
    {
        var response = await page.GotoAsync(url);
        await page.WaitForBlazorAsync(timeout);
        return response;
    }
}
