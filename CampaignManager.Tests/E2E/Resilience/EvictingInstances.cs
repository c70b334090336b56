using CampaignManager.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Server;

namespace CampaignManager.Tests.E2E.Resilience;

/// <summary>
/// <see cref="BalancedInstances"/> whose instances keep a disconnected circuit for <see cref="Retention"/> only (3 min in
/// production), so a short drop outlives it and the circuit is evicted, as after a long one in production.
/// </summary>
public sealed class EvictingInstances(RedisServerFixture redis) : BalancedInstances(redis)
{
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(2);

    protected override void ConfigureCircuits(CircuitOptions options) => options.DisconnectedCircuitRetentionPeriod = Retention;
}
