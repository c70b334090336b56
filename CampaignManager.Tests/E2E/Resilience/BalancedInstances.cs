using System.Diagnostics;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Tests.E2E.Connection;
using CampaignManager.Tests.E2E.Pages;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Startup;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Resilience;

/// <summary>
/// Production in miniature: two app instances on one SQLite file, the collection's real Redis and one Data Protection
/// key directory, behind a real nginx rendered from the repository's template (sticky cookie, WebSockets, failover).
/// Browsers go through <see cref="BaseAddress"/>; <see cref="OpenCampaignAsync"/> pins a browser to an instance with
/// nginx's own cookie. The reconnect policy is the connection tests' short one (1 s doubling to 4 s).
/// Derive to change the circuit options (<see cref="ConfigureCircuits"/>).
/// </summary>
public class BalancedInstances(RedisServerFixture redis) : IAsyncLifetime
{
    public const string Campaign = ConnectionBrowserTests.Campaign;

    private readonly HashSet<AppHost> _stopped = [];
    private readonly Dictionary<string, string> _signedIn = [];
    private string _directory = null!;

    public AppHost First { get; private set; } = null!;

    public AppHost Second { get; private set; } = null!;

    public NginxServer Nginx { get; private set; } = null!;

    /// <summary>nginx's address: where every browser goes.</summary>
    public string BaseAddress => Nginx.BaseAddress;

    public async ValueTask InitializeAsync()
    {
        // The fixture owns the database and the keys, so either instance can be stopped without taking them along.
        _directory = Directory.CreateTempSubdirectory("cm-balanced-").FullName;
        var settings = ConnectionAppHost.ReconnectSettings(ConnectionAppHost.Reconnect);
        settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        settings[SharedKeysStartup.KeysDirectoryKey] = Path.Combine(_directory, "keys");
        var database = Path.Combine(_directory, "campaigns.db");

        First = new InstanceHost(ConfigureCircuits) { Settings = settings, DatabasePath = database }.Start();
        Second = new InstanceHost(ConfigureCircuits) { Settings = settings, DatabasePath = database }.Start();
        await Task.WhenAll(First.WarmUpAsync(), Second.WarmUpAsync());
        Nginx = await NginxServer.StartAsync(First, Second, TestContext.Current.CancellationToken);
    }

    /// <summary>Stops an instance the way a crash looks to browsers: its sockets close and its port refuses connections.</summary>
    public async Task StopAsync(AppHost instance)
    {
        _stopped.Add(instance);
        await instance.DisposeAsync();
    }

    /// <summary>The host behind nginx's instance name (<see cref="NginxServer.FirstInstance"/> or <see cref="NginxServer.SecondInstance"/>).</summary>
    public AppHost Instance(string name) => name == NginxServer.FirstInstance ? First : Second;

    /// <summary>
    /// A new browser (its own cookies) stuck to <paramref name="instance"/> by nginx's cookie, signed in as
    /// <paramref name="email"/>, on the demo campaign's page.
    /// </summary>
    public async Task<IPage> OpenCampaignAsync(BrowserFixture browser, string instance, string email)
    {
        // A user signs in through the form once; later browsers of that user start with its cookies (good on both
        // instances: one key ring), which keeps the tests quick.
        var signedIn = _signedIn.GetValueOrDefault(email);
        var context = await browser.NewContextAsync(BaseAddress, signedIn);
        await context.AddCookiesAsync([new Cookie { Name = NginxServer.AffinityCookie, Value = instance, Url = BaseAddress }]);
        var page = await context.NewPageAsync();
        if (signedIn is null)
        {
            await new LoginPage(page).SignInAsync(email);
            _signedIn[email] = await context.StorageStateAsync();
        }

        await new CampaignPage(page).OpenFromCampaignListAsync(Campaign);
        Assert.Equal(instance, await InstanceOfAsync(page));
        return page;
    }

    /// <summary>The instance nginx sends this page's requests to now (asked with the page's own cookies).</summary>
    public static Task<string> InstanceOfAsync(IPage page) => page.EvaluateAsync<string>(
        $"async () => (await fetch('/health', {{ cache: 'no-store' }})).headers.get('{NginxServer.InstanceHeader}')");

    /// <summary>
    /// Waits until <paramref name="page"/> shows what the database holds: the campaign's date and time and the name of
    /// every settlement its user may see (<paramref name="gameMaster"/>: the GM-only ones too). The database is read
    /// again each time round, so a change still being committed (a click just made) is waited for, not raced.
    /// </summary>
    public async Task ExpectShowsTheDatabaseAsync(IPage page, bool gameMaster, float timeoutMilliseconds = 15_000)
    {
        var campaign = new CampaignPage(page);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var truth = await DatabaseAsync();
            var date = truth.Date.ToString();
            var names = truth.Kingdoms.SelectMany(k => k.Settlements)
                .Where(s => gameMaster || s.Visibility != Visibility.GameMasters).Select(s => s.Name).ToList();
            var shownDate = (await campaign.CalendarLine.TextContentAsync())?.Trim();
            var shownNames = (await campaign.SettlementsTable.GetByRole(AriaRole.Link).AllTextContentsAsync()).Select(n => n.Trim()).ToList();
            if (shownDate == date && names.All(shownNames.Contains))
            {
                return;
            }

            if (clock.ElapsedMilliseconds > timeoutMilliseconds)
            {
                Assert.Fail($"The page shows {shownDate} and [{string.Join(", ", shownNames)}]; the database holds {date} and [{string.Join(", ", names)}].");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The demo campaign as the database holds it now (read through whichever instance is still running).</summary>
    public async Task<CampaignView> DatabaseAsync()
    {
        var host = _stopped.Contains(Second) ? First : Second;
        await using var scope = host.Services.CreateAsyncScope();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
        var summary = (await campaigns.ListAsync(Actor.System, TestContext.Current.CancellationToken)).Single(c => c.Name == Campaign);
        return await campaigns.GetAsync(Actor.System, summary.Id, TestContext.Current.CancellationToken);
    }

    /// <summary>Circuit options of both instances (defaults: as in production).</summary>
    protected virtual void ConfigureCircuits(CircuitOptions options)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await Nginx.DisposeAsync();
        await Second.DisposeAsync();
        await First.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory is under the per-run TMPDIR that scripts/test.sh removes.
        }
    }

    private sealed class InstanceHost(Action<CircuitOptions> configureCircuits) : AppHost
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Configure(configureCircuits));
        }
    }
}
