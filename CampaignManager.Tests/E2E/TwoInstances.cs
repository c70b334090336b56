using CampaignManager.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignManager.Tests.E2E;

/// <summary>
/// Two app instances on one SQLite file and the collection's real Redis, as behind a load balancer.
/// What each logs from Information up is kept, so a cross-instance wait that fails can say what the
/// instances did meanwhile (<see cref="WithLogAsync"/>).
/// </summary>
public sealed class TwoInstances(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly CapturedLog _firstLog = new(LogLevel.Information);
    private readonly CapturedLog _secondLog = new(LogLevel.Information);

    public AppHost First { get; private set; } = null!;

    public AppHost Second { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        First = AppHost.StartNew(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString },
            testServices: services => services.AddSingleton<ILoggerProvider>(_firstLog));
        Second = First.StartPeer(testServices: services => services.AddSingleton<ILoggerProvider>(_secondLog));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Awaits <paramref name="wait"/>; if it fails, fails with both instances' real-time and session lines and
    /// their warnings (the last 40 of each) beside the reason.
    /// </summary>
    public async Task WithLogAsync(Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (Exception e) when (e is TimeoutException or Microsoft.Playwright.PlaywrightException)
        {
            throw new TimeoutException($"{e.Message}{Environment.NewLine}First:{Environment.NewLine}{Relevant(_firstLog)}" +
                $"{Environment.NewLine}Second:{Environment.NewLine}{Relevant(_secondLog)}", e);
        }
    }

    private static string Relevant(CapturedLog log) => string.Join(Environment.NewLine, log.Lines
        .Where(line => !line.StartsWith("Information", StringComparison.Ordinal) || line.Contains(".Realtime.", StringComparison.Ordinal))
        .TakeLast(40));

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
