using CampaignManager.Web.Startup;
using Microsoft.Playwright;

namespace CampaignManager.Benchmarks.Browser;

/// <summary>
/// Headless Debian Chromium (<c>/usr/bin/chromium</c>, never a downloaded browser) and campaign tabs:
/// each tab is a context of its own (its own sign-in cookie), signed in as a demo user, on the demo
/// campaign's page with the circuit running.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Interactive once blazor.web.js loaded and every interactive root's first render was applied
    // (the same check as the tests' BlazorPageExtensions; see there for how it was derived).
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

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public string Version => _browser.Version;

    /// <summary>
    /// CPU seconds used so far by the Chromium processes this benchmark started (Debian's launcher script
    /// execs <c>/usr/lib/chromium/chromium</c>), by kind: the renderers (one per tab: scripts, style,
    /// layout, paint and raster), the GPU process (with <c>--disable-gpu</c> it composites every frame
    /// in software), and the browser process with its utilities (network, storage).
    /// </summary>
    public static Dictionary<string, double> CpuSeconds() =>
        ProcessCpu.OfDescendants("/usr/lib/chromium/", commandLine =>
            commandLine.Contains("--type=renderer", StringComparison.Ordinal) ? Renderers
            : commandLine.Contains("--type=gpu-process", StringComparison.Ordinal) ? GpuProcess
            : BrowserAndUtilities);

    public const string Renderers = "renderers";
    public const string GpuProcess = "GPU process";
    public const string BrowserAndUtilities = "browser and utilities";

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new BenchmarkSetupException($"{ExecutablePath} was not found. Install it (apt-get install -y chromium) and run again.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A new tab (own context) signed in as <paramref name="email"/> on the campaign page, interactive.</summary>
    public async Task<IPage> OpenCampaignAsync(string baseAddress, string email, string campaignId)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = baseAddress, Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DatabaseInitializer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        // Commit, not the default Load: the sign-in cookie is set once the next page's response
        // commits, and waiting for that page's load event once hung a run for 60 s (the waiter had
        // seen NetworkIdle but never Load). The campaign page's own navigation is waited for below.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { WaitUntil = WaitUntilState.Commit });
        await page.GotoAsync($"/campaigns/{campaignId}");
        await page.WaitForFunctionAsync(InteractiveScript, null, new() { PollingInterval = 50, Timeout = (float)Timeout.TotalMilliseconds });
        await page.GetByTestId("settlements-table").First.WaitForAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
