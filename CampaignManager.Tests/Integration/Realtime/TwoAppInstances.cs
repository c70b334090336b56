using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.Integration.Realtime;

/// <summary>
/// Two instances of the real app on Kestrel, sharing one SQLite file and the collection's
/// redis-server, with a fast relay. Started once for a test class.
/// </summary>
public sealed class TwoAppInstances(RedisServerFixture redis) : IAsyncLifetime
{
    private AppHost? _first;
    private AppHost? _second;

    /// <summary>The instance that runs the commands.</summary>
    public AppHost First => _first ?? throw new InvalidOperationException("Not started.");

    /// <summary>The instance that listens.</summary>
    public AppHost Second => _second ?? throw new InvalidOperationException("Not started.");

    public ValueTask InitializeAsync()
    {
        _first = AppHost.StartNew(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Realtime:ChannelPrefix"] = "e2e-" + Guid.NewGuid().ToString("N")[..8],
            // The relay republishes what is still unmarked after this long. One second was shorter than a
            // cold first command takes to be marked on a loaded CI machine (both relays then republished
            // it, and the across-instances test saw duplicates); the production default of two is not.
            ["Realtime:RelayIntervalSeconds"] = "2",
            // API tests sign in often from one address; the token rate limit has its own test.
            ["Jwt:TokenRequestsPerMinute"] = "1000",
        });
        _second = _first.StartPeer();
        return ValueTask.CompletedTask;
    }

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
