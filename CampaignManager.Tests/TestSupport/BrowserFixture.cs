using Microsoft.Playwright;

namespace CampaignManager.Tests.TestSupport;

/// <summary>
/// One Playwright driver and one headless Debian Chromium (<c>/usr/bin/chromium</c>, never a downloaded browser)
/// for a test collection (<see cref="BrowserCollection"/>). Each test takes a fresh context from
/// <see cref="NewPageAsync"/> or <see cref="NewContextAsync"/>: isolated cookies and storage, 30 s default
/// timeouts for actions, navigations and <c>Assertions.Expect</c> (bounds, not speed checks: a clean-clone run at
/// load 20 on the 2-core CI machine took more than 15 s for a sign-in page; speed is the benchmarks' business).
/// A missing Chromium is a failure, never a skip: <c>bash scripts/test.sh</c> installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly List<IBrowserContext> _contexts = [];
    private readonly Lock _contextsGate = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary><c>artifacts/screenshots/</c> at the repository root, where <see cref="ScreenshotAsync"/> writes.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    /// <summary>The shared browser (for anything the helpers below don't cover).</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("BrowserFixture is not initialized.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} was not found. Browser tests use Debian's Chromium and are never skipped: " +
                "run the tests with `bash scripts/test.sh` (it installs chromium) or `apt-get install -y chromium`.");
        }

        Assertions.SetDefaultExpectTimeout((float)DefaultTimeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies: one signed-in user). Open several pages in it for several tabs of
    /// the same user. <paramref name="baseAddress"/> lets pages navigate with relative URLs (<c>page.GotoAsync("/Account/Login")</c>);
    /// <paramref name="storageState"/> (from another context's <c>StorageStateAsync()</c>) starts it with that context's cookies.
    /// Closed by the fixture at the end of the collection if the test doesn't close it.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(string? baseAddress = null, string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress,
            StorageState = storageState,
            Locale = "en-US",
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout((float)DefaultTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)DefaultTimeout.TotalMilliseconds);
        context.Close += (_, closed) =>
        {
            lock (_contextsGate)
            {
                _contexts.Remove(closed);
            }
        };
        lock (_contextsGate)
        {
            _contexts.Add(context);
        }

        return context;
    }

    /// <summary>A page in a fresh context of its own (see <see cref="NewContextAsync"/>).</summary>
    public async Task<IPage> NewPageAsync(string? baseAddress = null)
    {
        var context = await NewContextAsync(baseAddress);
        return await context.NewPageAsync();
    }

    /// <summary>Writes a full-page PNG to <c>artifacts/screenshots/&lt;name&gt;.png</c> for humans to look at; returns its path.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var invalid = Path.GetInvalidFileNameChars();
        var safeName = new string([.. name.Select(c => invalid.Contains(c) || char.IsWhiteSpace(c) ? '-' : c)]);
        var path = Path.Combine(ScreenshotDirectory, safeName + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        IBrowserContext[] contexts;
        lock (_contextsGate)
        {
            contexts = [.. _contexts];
        }

        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
