using System.Globalization;
using CampaignManager.Benchmarks.Browser;
using CampaignManager.Benchmarks.Commits;
using CampaignManager.Benchmarks.Hub;
using CampaignManager.Benchmarks.Memory;
using CampaignManager.Benchmarks.Servers;

namespace CampaignManager.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project CampaignManager.Benchmarks -- circuits|hub|browser|memory|commits [options]</c>.
/// (Not named Program: the app's own <c>Program</c> is the type WebApplicationFactory starts.)
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args is [ServeCommand.Name, ..])
        {
            // A server process the benchmark started (see ServerProcess).
            return await ServeCommand.RunAsync(args);
        }

        if (args is [CircuitInstanceCommand.Name, ..])
        {
            // The second app instance of `circuits --process-per-instance` (see CircuitInstanceProcess).
            return await CircuitInstanceCommand.RunAsync(args);
        }

        if (args is [HubOptions.Scenario, ..])
        {
            // The load client of the hub benchmark (1,000+ sockets in this process): socket completions
            // run on the epoll threads instead of hopping to the thread pool, so the load generator
            // takes less of the 2 cores the servers need. Read when sockets are first used, so set
            // before any; the server processes this one starts do not inherit it (ServerProcess).
            Environment.SetEnvironmentVariable(ServerProcess.InlineSocketCompletions, "1");
        }

        return args.FirstOrDefault() switch
        {
            HubOptions.Scenario => await RunAsync(HubOptions.Parse(args, out var error), error, HubOptions.Usage, o => o.Timeout,
                o => new HubFanOutBenchmark(o, Console.Error), (b, ct) => b.RunAsync(ct), b => b.Redis),
            BrowserOptions.Scenario => await RunAsync(BrowserOptions.Parse(args, out var error), error, BrowserOptions.Usage, o => o.Timeout,
                o => new BrowserBenchmark(o, Console.Error), (b, ct) => b.RunAsync(ct), b => b.Redis),
            CommitOptions.Scenario => await RunAsync(CommitOptions.Parse(args, out var error), error, CommitOptions.Usage, o => o.Timeout,
                o => new CommitCostBenchmark(o, Console.Error), (b, ct) => b.RunAsync(ct), _ => null),
            MemoryOptions.Scenario => await RunAsync(MemoryOptions.Parse(args, out var error), error, MemoryOptions.Usage, o => o.Timeout,
                o => new MemoryBenchmark(o, Console.Error), (b, ct) => b.RunAsync(ct), b => b.Redis),
            _ => await RunAsync(BenchmarkOptions.Parse(args, out var error), error, BenchmarkOptions.Usage, o => o.Timeout,
                o => new CircuitFanOutBenchmark(o, Console.Error), (b, ct) => b.RunAsync(ct), b => b.Redis),
        };
    }

    /// <summary>Runs one benchmark with Ctrl+C handling and a watchdog past its time bound.</summary>
    private static async Task<int> RunAsync<TOptions, TBenchmark>(TOptions? options, string? error, string usage, Func<TOptions, TimeSpan> timeout,
        Func<TOptions, TBenchmark> create, Func<TBenchmark, CancellationToken, Task<int>> run, Func<TBenchmark, RedisServer?> redis)
        where TOptions : class
    {
        if (options is null)
        {
            if (error is null)
            {
                Console.Out.WriteLine(usage);
                return 0;
            }

            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine("Run with --help for usage.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        var benchmark = create(options);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => redis(benchmark)?.Kill();

        // The last resort of the time bound: whatever hangs (a host that does not stop), the process ends.
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"[bench] the run exceeded {timeout(options).TotalSeconds:0} s and its clean-up did not end in time; exiting.");
            redis(benchmark)?.Kill();
            Environment.Exit(1);
        }, null, timeout(options) + TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        return await run(benchmark, stop.Token);
    }
}
