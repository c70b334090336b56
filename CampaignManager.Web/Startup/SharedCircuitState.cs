using CampaignManager.Web.Realtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace CampaignManager.Web.Startup;

/// <summary>
/// What lets any instance take over a user: one Data Protection application name, and with
/// <c>ConnectionStrings:Redis</c> the key ring in Redis (a cookie, antiforgery token or persisted
/// circuit issued by one instance is readable by all) and Redis as the distributed cache behind
/// HybridCache, which Blazor picks up for persisted circuit state. A disconnected circuit that is
/// evicted is persisted there, and <c>Blazor.resumeCircuit()</c> (ReconnectModal.razor.js) resumes it
/// on whichever instance the browser reaches. Without Redis everything stays in this process.
/// </summary>
public static class SharedCircuitState
{
    /// <summary>The same on every instance: Data Protection isolates keys and payloads by it.</summary>
    public const string ApplicationName = "CampaignManager";

    /// <summary>The Redis key of the Data Protection key ring, under the channel prefix.</summary>
    public static string KeyRingKey(string prefix) => $"{prefix}:data-protection-keys";

    public static IHostApplicationBuilder AddSharedCircuitState(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName(ApplicationName);
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(RealtimeServiceCollectionExtensions.RedisConnectionStringName)))
        {
            return builder;
        }

        // The multiplexer is the notifier's (AddCampaignRealtime registers it with the same connection string).
        var prefix = builder.Configuration[$"{RedisNotifierOptions.SectionName}:{nameof(RedisNotifierOptions.ChannelPrefix)}"] is { Length: > 0 } p
            ? p
            : new RedisNotifierOptions().ChannelPrefix;
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
            options.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), KeyRingKey(prefix)));

        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            options.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
            options.InstanceName = $"{prefix}:cache:";
        });
        // Blazor uses a registered HybridCache for persisted circuits (CircuitOptions.HybridPersistenceCache);
        // its second level is the Redis cache above.
        services.AddHybridCache();
        return builder;
    }
}
