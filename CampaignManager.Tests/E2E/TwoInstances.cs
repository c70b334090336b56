using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.E2E;

/// <summary>Two app instances on one SQLite file and the collection's real Redis, as behind a load balancer.</summary>
public sealed class TwoInstances(RedisServerFixture redis) : IAsyncLifetime
{
    public AppHost First { get; private set; } = null!;

    public AppHost Second { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        First = AppHost.StartNew(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString });
        Second = First.StartPeer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
