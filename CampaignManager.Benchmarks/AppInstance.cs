using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CampaignManager.Benchmarks;

/// <summary>
/// One instance of the real app (its own Program.cs) on Kestrel at 127.0.0.1:0, in the Development
/// environment so the demo campaign is seeded, with <paramref name="settings"/> as configuration
/// and <paramref name="instrument"/> applied to its services after the app registered its own.
/// </summary>
internal sealed class AppInstance(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> instrument, ILoggerProvider logCounter)
    : WebApplicationFactory<Program>
{
    // WebApplicationFactory finds the app's host through a process-wide DiagnosticListener while
    // Program's top-level statements run: start one instance at a time.
    private static readonly Lock StartGate = new();

    /// <summary>The app's configuration for a benchmark instance: the shared SQLite file and redis-server, demo data, quiet logs.</summary>
    public static Dictionary<string, string?> Settings(string databasePath, string redis)
    {
        var database = $"Data Source={databasePath}";
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = database,
            ["ConnectionStrings:DefaultConnection"] = database,
            ["ConnectionStrings:Redis"] = redis,
            ["Realtime:ChannelPrefix"] = "bench",
            ["Seed:Demo"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        };
    }

    public AppInstance Start()
    {
        lock (StartGate)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            StartServer();
        }

        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting values are visible while Program builds its services (they arrive as its arguments).
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value ?? "");
        }

        builder.ConfigureLogging(logging =>
        {
            // Stdout is the report; whatever the app logs goes to stderr, and is counted.
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.AddProvider(logCounter);
        });
        builder.ConfigureTestServices(services =>
        {
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
            instrument(services);
        });
    }
}
