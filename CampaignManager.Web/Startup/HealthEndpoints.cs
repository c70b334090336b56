using System.Text.Json;
using CampaignManager.Domain.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CampaignManager.Web.Startup;

/// <summary>
/// What a load balancer or a start script asks an instance (ARCHITECTURE §11):
/// <c>GET /health</c> — the process answers (no dependency is checked, so a Redis or database outage never makes
/// a balancer kill instances that still serve their users); <c>GET /health/ready</c> — the database answers and,
/// when <c>ConnectionStrings:Redis</c> is set, Redis answers. Both are anonymous and answer
/// <c>{"status":"Healthy|Unhealthy","checks":{"database":"Healthy",…}}</c> with 200 or 503; no exception text or
/// connection string is ever in the body.
/// </summary>
public static class HealthEndpoints
{
    public const string AlivePath = "/health";
    public const string ReadyPath = "/health/ready";

    private const string ReadyTag = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IHostApplicationBuilder AddCampaignHealthChecks(this IHostApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: CheckTimeout);
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(RealtimeServiceCollectionExtensions.RedisConnectionStringName)))
        {
            checks.AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag], timeout: CheckTimeout);
        }

        return builder;
    }

    public static WebApplication MapCampaignHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<CampaignDbContext> dbFactory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            // Known to be down: say so at once instead of waiting for a PING to time out.
            if (!redis.IsConnected)
            {
                return HealthCheckResult.Unhealthy("Redis is not connected.");
            }

            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer.");
            }
        }
    }
}
