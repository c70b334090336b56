using System.Globalization;

namespace CampaignManager.Benchmarks;

/// <summary>The command line of the <c>circuits</c> benchmark, parsed and checked.</summary>
internal sealed record BenchmarkOptions
{
    public const string Scenario = "circuits";

    public const string Usage = """
        Usage: dotnet run -c Release --project CampaignManager.Benchmarks -- circuits [options]

        One event fanned out to N circuit sessions (real CampaignSession + store per session, no
        browser) spread over two app instances that share one SQLite file and one redis-server.
        Measures commit -> store-updated latency, deliveries per second, losses, duplicates,
        out-of-order deliveries and memory per session, and prints markdown tables to stdout
        (progress goes to stderr).

        Options:
          --sessions N    circuit sessions, split evenly over both instances   (default 1000)
          --events M      committed events per phase (steady, then burst)      (default 100)
          --rate R        commits per second in the steady phase               (default 50)
          --server-warmup S  renames before any session opens, at least; then      (default 1000)
                          rounds of 250 until one JIT-compiles fewer than 20
                          methods (0: none): the write path runs warm, as on a
                          server that has been up for a while
          --warmup W      events per warm-up round at the steady rate, not     (default 20)
                          measured: rounds run (at least 2, at most 10) until
                          one JIT-compiles fewer than 20 methods
          --process-per-instance
                          the second instance (and its half of the sessions)
                          in a process of its own, as deployed: the writer's
                          collections no longer pause its sessions (default: both
                          instances in this process)
          --timeout S     bound for the whole run in seconds; a run that cannot
                          finish reports what it got and exits with 1          (default 180)
          -h, --help      print this help

        Needs redis-server on PATH (apt-get install -y redis-server).
        Exit codes: 0 finished (even over budget), 1 incomplete, lost/duplicated/out-of-order
        deliveries or a failure, 2 bad arguments.
        """;

    public int Sessions { get; init; } = 1000;

    public int Events { get; init; } = 100;

    public double Rate { get; init; } = 50;

    public int Warmup { get; init; } = 20;

    public int ServerWarmup { get; init; } = 1000;

    /// <summary>Warm-up rounds (of <see cref="Warmup"/> events, sessions open) stop here even if the JIT has not settled.</summary>
    public const int MaxWarmupRounds = 10;

    /// <summary>The server warm-up stops here even if the JIT has not settled (the report says so).</summary>
    public int MaxServerWarmup { get; init; } = 20_000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>The second instance runs in a process of its own (<see cref="CircuitInstanceProcess"/>).</summary>
    public bool ProcessPerInstance { get; init; }

    /// <summary>The arguments as typed, for the report.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are wrong, null without an error for --help.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var options = new BenchmarkOptions { CommandLine = string.Join(' ', args) };
        var scenarioSeen = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    return null;
                case Scenario when !scenarioSeen:
                    scenarioSeen = true;
                    continue;
                case "--process-per-instance":
                    options = options with { ProcessPerInstance = true };
                    continue;
                case "--sessions" or "--events" or "--rate" or "--warmup" or "--server-warmup" or "--timeout":
                    if (i + 1 >= args.Count)
                    {
                        error = $"{arg} needs a value.";
                        return null;
                    }

                    var value = args[++i];
                    options = arg switch
                    {
                        "--sessions" => options with { Sessions = Int(arg, value, 2, 100_000, ref error) },
                        "--events" => options with { Events = Int(arg, value, 1, 100_000, ref error) },
                        "--rate" => options with { Rate = Number(arg, value, 0.1, 10_000, ref error) },
                        "--warmup" => options with { Warmup = Int(arg, value, 0, 10_000, ref error) },
                        "--server-warmup" => options with { ServerWarmup = Int(arg, value, 0, 100_000, ref error) },
                        _ => options with { Timeout = TimeSpan.FromSeconds(Int(arg, value, 10, 3600, ref error)) },
                    };
                    if (error is not null)
                    {
                        return null;
                    }

                    continue;
                default:
                    error = arg.StartsWith('-')
                        ? $"Unknown option '{arg}'."
                        : $"Unknown scenario '{arg}' (circuits, hub, browser or memory).";
                    return null;
            }
        }

        return options;
    }

    internal static int Int(string name, string value, int min, int max, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        error = $"{name} must be a whole number from {min} to {max}, not '{value}'.";
        return 0;
    }

    internal static double Number(string name, string value, double min, double max, ref string? error)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        error = $"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'.";
        return 0;
    }
}
