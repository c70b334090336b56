using System.Globalization;

namespace CampaignManager.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project CampaignManager.Benchmarks -- circuits [options]</c>.
/// (Not named Program: the app's own <c>Program</c> is the type WebApplicationFactory starts.)
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var options = BenchmarkOptions.Parse(args, out var error);
        if (options is null)
        {
            if (error is null)
            {
                Console.Out.WriteLine(BenchmarkOptions.Usage);
                return 0;
            }

            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine("Run with --help for usage.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        var benchmark = new CircuitFanOutBenchmark(options, Console.Error);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => benchmark.Redis?.Kill();

        // The last resort of the time bound: whatever hangs (a host that does not stop), the process ends.
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"[bench] the run exceeded {options.Timeout.TotalSeconds:0} s and its clean-up did not end in time; exiting.");
            benchmark.Redis?.Kill();
            Environment.Exit(1);
        }, null, options.Timeout + TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        return await benchmark.RunAsync(stop.Token);
    }
}
