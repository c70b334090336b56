using CampaignManager.Tests.E2E.Connection;
using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Resilience;

/// <summary>
/// Watches a page's circuit from the browser's side: cuts its network the way the connection tests do (the socket
/// closed with <c>Blazor._internal.forceCloseConnection()</c>, <c>/_blazor/negotiate</c> refused), and tells a rejoined
/// circuit (same page, same rendered elements) from a new one (a resumed circuit re-renders them; a reload starts
/// a new page).
/// </summary>
public static class CircuitProbe
{
    private const string Indicator = "[data-testid=connection-indicator]";

    /// <summary>Starts the <see cref="ConnectionRecorder"/> and remembers this page load and the circuit's indicator element.</summary>
    public static async Task MarkAsync(IPage page)
    {
        await ConnectionRecorder.StartAsync(page);
        await page.EvaluateAsync($"() => {{ window.__noReload = true; window.__oldIndicator = document.querySelector('{Indicator}'); }}");
    }

    /// <summary>The network goes: the circuit's socket closes and nothing reaches the server until <see cref="RestoreNetworkAsync"/>.</summary>
    public static async Task DropNetworkAsync(IPage page)
    {
        await page.RouteAsync(ConnectionBrowserTests.Negotiate, route => route.AbortAsync());
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
    }

    public static Task RestoreNetworkAsync(IPage page) => page.UnrouteAsync(ConnectionBrowserTests.Negotiate);

    /// <summary>True while the page is the one <see cref="MarkAsync"/> saw (never reloaded).</summary>
    public static Task<bool> IsSamePageAsync(IPage page) => page.EvaluateAsync<bool>("() => window.__noReload === true");

    /// <summary>
    /// Waits until the page is connected on another circuit than the marked one and interactive; returns whether it
    /// got there by reloading (else: a resumed circuit).
    /// </summary>
    public static async Task<bool> WaitForNewCircuitAsync(IPage page)
    {
        await page.WaitForFunctionAsync(
            $"() => document.querySelector('{Indicator}')?.dataset.state === 'connected' && window.__oldIndicator?.isConnected !== true",
            null, new() { Timeout = 30_000, PollingInterval = 100 });
        await page.WaitForBlazorAsync();
        return !await IsSamePageAsync(page);
    }
}
