using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampaignManager.Tests.TestSupport;

/// <summary>
/// The web app on a real Kestrel socket (127.0.0.1, a port picked by the OS), in the Development environment,
/// for integration and browser tests. Each host gets its own temporary SQLite file unless
/// <see cref="DatabasePath"/> is given (another host's path, or use <see cref="StartPeer"/>, to run two instances
/// on one database); <see cref="Settings"/> override configuration keys, e.g.
/// <c>["ConnectionStrings:Redis"] = redis.ConnectionString</c>.
/// Use it directly (<c>await using var host = AppHost.StartNew(settings);</c>), as an <c>IClassFixture&lt;AppHost&gt;</c>
/// (xunit calls <see cref="InitializeAsync"/>), or derive a class fixture that sets <see cref="Settings"/> in its
/// constructor, taking the collection's Redis:
/// <code>
/// public sealed class RedisAppHost : AppHost
/// {
///     public RedisAppHost(RedisServerFixture redis) =>
///         Settings = new Dictionary&lt;string, string?&gt; { ["ConnectionStrings:Redis"] = redis.ConnectionString };
/// }
/// </code>
/// Dispose stops it and deletes the files it created.
/// </summary>
public class AppHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    // WebApplicationFactory finds the app's host through a process-wide DiagnosticListener while Program's
    // top-level statements run; starting one host at a time keeps two concurrent starts from crossing wires.
    private static readonly Lock StartGate = new();
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(120);

    private string? _databasePath;
    private string? _ownedDirectory;
    private string? _baseAddress;

    // One public constructor, without parameters, so xunit can create it as a class or collection fixture.
    public AppHost()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>
    /// Configuration overrides, applied over the defaults (<c>ConnectionStrings:Database</c> and
    /// <c>ConnectionStrings:DefaultConnection</c> = <see cref="DatabaseConnectionString"/>, <c>Seed:Demo</c> = true,
    /// <c>ConnectionStrings:Redis</c> empty). Read when the host starts.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Service overrides, applied after the app's own registrations (e.g. a notifier the test controls).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>
    /// Absolute path of the SQLite file. Set it to share a file with another host (the file is then not deleted
    /// on dispose); left unset, a private file in a new temporary directory, deleted on dispose.
    /// </summary>
    public string DatabasePath
    {
        get
        {
            if (_databasePath is null)
            {
                _ownedDirectory = Directory.CreateTempSubdirectory("cm-apphost-").FullName;
                _databasePath = Path.Combine(_ownedDirectory, "campaigns.db");
            }

            return _databasePath;
        }
        init => _databasePath = Path.GetFullPath(value);
    }

    /// <summary><c>Data Source=&lt;DatabasePath&gt;</c>, as given to the app.</summary>
    public string DatabaseConnectionString => $"Data Source={DatabasePath}";

    /// <summary>The whole configuration the app is started with: defaults, then <see cref="Settings"/>.</summary>
    public IReadOnlyDictionary<string, string?> EffectiveSettings
    {
        get
        {
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["ConnectionStrings:Database"] = DatabaseConnectionString,
                // The Identity template still reads DefaultConnection; both keys name the same file.
                ["ConnectionStrings:DefaultConnection"] = DatabaseConnectionString,
                ["ConnectionStrings:Redis"] = "",
                ["Seed:Demo"] = "true",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            };
            foreach (var (key, value) in Settings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    /// <summary>Where the app listens, without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>. Starts the host if needed.</summary>
    public string BaseAddress => Start()._baseAddress!;

    /// <summary><see cref="BaseAddress"/> with a trailing slash, ready for <see cref="HttpClient.BaseAddress"/>.</summary>
    public Uri BaseUri => new(BaseAddress + "/");

    /// <summary>Creates and starts a host with the given overrides.</summary>
    public static AppHost StartNew(IReadOnlyDictionary<string, string?>? settings = null, string? databasePath = null,
        Action<IServiceCollection>? testServices = null)
    {
        var host = databasePath is null
            ? new AppHost { Settings = settings ?? new Dictionary<string, string?>(), TestServices = testServices }
            : new AppHost { Settings = settings ?? new Dictionary<string, string?>(), DatabasePath = databasePath, TestServices = testServices };
        try
        {
            return host.Start();
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server (once; later calls return at once) and returns this host.</summary>
    public AppHost Start()
    {
        lock (StartGate)
        {
            if (_baseAddress is null)
            {
                StartServer();
                var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
                _baseAddress = addresses?.FirstOrDefault()?.TrimEnd('/')
                    ?? throw new InvalidOperationException("Kestrel started without reporting an address.");
            }
        }

        return this;
    }

    /// <summary>
    /// Starts a second instance of the app on the same database file and the same <see cref="Settings"/> (so the same Redis),
    /// plus <paramref name="extraSettings"/>. Dispose the peer before this host: this host deletes the file.
    /// </summary>
    public AppHost StartPeer(IReadOnlyDictionary<string, string?>? extraSettings = null, Action<IServiceCollection>? testServices = null)
    {
        var settings = new Dictionary<string, string?>(Settings, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return StartNew(settings, DatabasePath, testServices);
    }

    /// <summary>
    /// An <see cref="HttpClient"/> on <see cref="BaseAddress"/> over a real socket, with its own cookie jar (pass one to
    /// share cookies between clients). Redirects are not followed by default so tests can assert on them.
    /// </summary>
    public HttpClient CreateHttpClient(CookieContainer? cookies = null, bool followRedirects = false)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies ?? new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = followRedirects,
        };
        return new HttpClient(handler) { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Starts the server and warms it up (xunit calls this for class and collection fixtures).</summary>
    public async ValueTask InitializeAsync()
    {
        Start();
        await WarmUpAsync();
    }

    /// <summary>
    /// Asks the started server for the sign-in page once. The first page a fresh app serves pays for its cold start
    /// (Razor, Identity, antiforgery, the EF model, the JIT); on a loaded 2-core CI machine that once took longer than
    /// a browser test's navigation timeout (a clean-clone run failed ConnectionBrowserTests' first sign-in that way).
    /// Fixtures pay it in their set-up instead, with a generous bound; a failure here is left to the tests, which
    /// report their own.
    /// </summary>
    public async Task WarmUpAsync()
    {
        using var client = CreateHttpClient(followRedirects: true);
        client.Timeout = WarmUpTimeout;
        try
        {
            using var response = await client.GetAsync("Account/Login");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Not serving yet or at all: the tests' own requests will say so.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting values reach the app as command-line arguments of Program, so they are already visible
        // when Program reads configuration while building its services (ConfigureAppConfiguration would be too late).
        builder.UseEnvironment("Development");
        foreach (var (key, value) in EffectiveSettings)
        {
            builder.UseSetting(key, value ?? "");
        }

        // A browser may still hold circuits (WebSockets) open when a test disposes the host: don't let Kestrel
        // wait the default 30 s for them to close.
        builder.ConfigureServices(services => services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout));
        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || _ownedDirectory is null)
        {
            return;
        }

        using (var connection = new SqliteConnection(DatabaseConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory is under the per-run TMPDIR that scripts/test.sh removes.
        }
    }
}
