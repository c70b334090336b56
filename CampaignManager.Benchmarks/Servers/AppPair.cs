namespace CampaignManager.Benchmarks.Servers;

/// <summary>
/// A private redis-server, a temporary SQLite file and two instances of the real app in child processes
/// (<see cref="ServerProcess"/>), the first of which migrates and seeds the demo data.
/// </summary>
internal sealed class AppPair : IAsyncDisposable
{
    private readonly string _directory;

    private AppPair(string directory, RedisServer redis, ServerProcess[] apps)
    {
        _directory = directory;
        Redis = redis;
        Apps = apps;
    }

    public RedisServer Redis { get; }

    public ServerProcess[] Apps { get; }

    /// <param name="keepAliveSeconds">Kestrel's keep-alive timeout for both instances; 0 keeps Kestrel's default (130 s).</param>
    public static async Task<AppPair> StartAsync(TextWriter progress, Action<RedisServer> started, CancellationToken ct, int keepAliveSeconds = 0)
    {
        var directory = Directory.CreateTempSubdirectory("cm-bench-").FullName;
        var redisDirectory = Directory.CreateDirectory(Path.Combine(directory, "redis")).FullName;
        var redis = await RedisServer.StartAsync(redisDirectory, ct);
        started(redis);
        var apps = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                string[] arguments = ["app", Path.Combine(directory, "campaigns.db"), redis.ConnectionString];
                if (keepAliveSeconds > 0)
                {
                    arguments = [.. arguments, keepAliveSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
                }

                apps.Add(await ServerProcess.StartAsync($"app{i + 1}", arguments, progress, ct));
            }

            return new AppPair(directory, redis, [.. apps]);
        }
        catch
        {
            await Task.WhenAll(apps.Select(a => a.DisposeAsync().AsTask()));
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>What each instance counts (<see cref="ServerProcess.StatsAsync"/>), in instance order.</summary>
    public async Task<ServerStats[]> StatsAsync(CancellationToken ct) =>
        [await Apps[0].StatsAsync(ct), await Apps[1].StatsAsync(ct)];

    /// <summary>
    /// Polls <see cref="StatsAsync"/> every <paramref name="interval"/> until <paramref name="open"/> reads
    /// <paramref name="perInstance"/> on both instances (a warm-up's closed items have ended on the servers), or throws
    /// after <paramref name="bound"/> naming <paramref name="what"/>.
    /// </summary>
    public async Task WaitUntilOpenAsync(Func<ServerStats, int> open, int perInstance, string what, TimeSpan bound, TimeSpan interval,
        CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var counts = (await StatsAsync(ct)).Select(open).ToArray();
            if (counts.All(n => n == perInstance))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"The warm-up's closed {what} stayed open: {counts[0]} / {counts[1]} after {bound.TotalSeconds:0} s, {perInstance} per instance expected.");
            }

            await Task.Delay(interval, ct);
        }
    }

    /// <summary>Methods each instance's JIT has compiled so far.</summary>
    public async Task<long[]> JitMethodsAsync(CancellationToken ct) =>
        [.. (await StatsAsync(ct)).Select(s => s.JitMethods)];

    /// <summary>A GC'd memory snapshot of each instance (<see cref="ServerProcess.CollectAsync"/>), in instance order.</summary>
    public async Task<MemorySnapshot[]> CollectAsync(CancellationToken ct) =>
        [await Apps[0].CollectAsync(ct), await Apps[1].CollectAsync(ct)];

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Apps.Select(a => a.DisposeAsync().AsTask()));
        await Redis.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
