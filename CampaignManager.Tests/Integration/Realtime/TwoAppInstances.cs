using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignManager.Tests.Integration.Realtime;

/// <summary>
/// Two instances of the real app on Kestrel, sharing one SQLite file and the collection's
/// redis-server, with a fast relay. Started once for a test class. What each instance's real-time
/// parts log (<see cref="RealtimeLog"/>) goes into a failing test's message: the notifier going
/// down, a publish that failed, the relay's rounds.
/// </summary>
public sealed class TwoAppInstances(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly CapturedLog _firstLog = new(LogLevel.Information);
    private readonly CapturedLog _secondLog = new(LogLevel.Information);
    private AppHost? _first;
    private AppHost? _second;

    /// <summary>The instance that runs the commands.</summary>
    public AppHost First => _first ?? throw new InvalidOperationException("Not started.");

    /// <summary>The instance that listens.</summary>
    public AppHost Second => _second ?? throw new InvalidOperationException("Not started.");

    public ValueTask InitializeAsync()
    {
        _first = AppHost.StartNew(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Realtime:ChannelPrefix"] = "e2e-" + Guid.NewGuid().ToString("N")[..8],
            // The relay republishes what is still unmarked after this long. One second was shorter than a
            // cold first command takes to be marked on a loaded CI machine (both relays then republished
            // it, and the across-instances test saw duplicates); the production default of two is not.
            ["Realtime:RelayIntervalSeconds"] = "2",
            // API tests sign in often from one address; the token rate limit has its own test.
            ["Jwt:TokenRequestsPerMinute"] = "1000",
        }, testServices: services => services.AddSingleton<ILoggerProvider>(_firstLog));
        _second = _first.StartPeer(testServices: services => services.AddSingleton<ILoggerProvider>(_secondLog));
        return ValueTask.CompletedTask;
    }

    /// <summary>The real-time lines both instances logged so far, for a failing assertion's message.</summary>
    public string RealtimeLog =>
        $"First:{Environment.NewLine}{Realtime(_firstLog)}{Environment.NewLine}Second:{Environment.NewLine}{Realtime(_secondLog)}";

    /// <summary>
    /// Waits until both instances' notifiers are live (Redis connected, every channel subscribed): a cold start on a
    /// loaded machine, or a test before that stopped Redis, may leave one still connecting, and a command run then
    /// is published by the relay seconds later instead of at once.
    /// </summary>
    public Task WaitUntilLiveAsync(TimeSpan timeout, CancellationToken ct) =>
        Poll.UntilAsync(() => First.Services.GetRequiredService<RealtimeStatus>().IsLive && Second.Services.GetRequiredService<RealtimeStatus>().IsLive,
            timeout, "both instances' notifiers live", ct);

    private static string Realtime(CapturedLog log) =>
        string.Join(Environment.NewLine, log.Lines.Where(line => line.Contains(".Realtime.", StringComparison.Ordinal)));

    public async ValueTask DisposeAsync()
    {
        // The peer first: the first host deletes the shared database file.
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_first is not null)
        {
            await _first.DisposeAsync();
        }
    }
}
