using System.Globalization;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>The command line of the <c>hub</c> benchmark, parsed and checked.</summary>
internal sealed record HubOptions
{
    public const string Scenario = "hub";

    public const string Usage = """
        Usage: dotnet run -c Release --project CampaignManager.Benchmarks -- hub [options]

        Hub fan-out: N SignalR clients (WebSockets, no negotiation, JWT of the demo users, game
        master and players mixed) split over two app instances (separate processes, one
        redis-server), all subscribed to the demo campaign; events from PATCH /api/settlements/{id}
        on instance 1, steady then burst. The same clients and workload against a bare SignalR hub
        on SignalR's Redis backplane (the baseline). Prints markdown tables to stdout.

        Options:
          --clients LIST  client counts, comma-separated                       (default 100,1000,2000)
          --rate R        writes per second in the steady phase                (default 50)
          --seconds S     length of the steady phase                           (default 10)
          --burst B       writes in the burst phase, back to back              (default 1000)
          --server-warmup S  writes to each target before its first clients     (default 2000)
                          connect, back to back, not measured: the servers'
                          write path runs warm, as on servers up for a while
                          (they are other processes: this benchmark cannot
                          see their JIT settle, so the count is fixed)
          --warmup W      writes before the phases, not measured               (default 20)
          --write-limit S seconds a phase may spend writing; a slower writer ends the
                          phase early with fewer writes (reported as "n of m")       (default 40)
          --targets LIST  app, baseline or both                                (default app,baseline)
          --client KIND   the load client: epoll (the hub protocol on hand-framed
                          WebSockets, read by one epoll thread, one recv per
                          message), raw (the hub protocol on .NET's ClientWebSocket,
                          ~16 µs of client CPU per event) or signalr (SignalR's
                          .NET HubConnection, ~30-40 µs per event)             (default raw)
          --timeout S     bound for the whole run in seconds                   (default 900)
          -h, --help      print this help

        Exit codes: 0 finished (even over budget), 1 lost/duplicated/out-of-order deliveries,
        incomplete or failed, 2 bad arguments.
        """;

    public IReadOnlyList<int> Clients { get; init; } = [100, 1000, 2000];

    public double Rate { get; init; } = 50;

    public int Seconds { get; init; } = 10;

    public int Burst { get; init; } = 1000;

    public int Warmup { get; init; } = 20;

    public int ServerWarmup { get; init; } = 2000;

    public IReadOnlyList<string> Targets { get; init; } = ["app", "baseline"];

    public HubClientKind Client { get; init; } = HubClientKind.Raw;

    public TimeSpan WriteLimit { get; init; } = TimeSpan.FromSeconds(40);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(900);

    public string CommandLine { get; init; } = "";

    public int SteadyWrites => (int)Math.Round(Rate * Seconds);

    public static HubOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var options = new HubOptions { CommandLine = string.Join(' ', args) };
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                return null;
            }

            if (arg is not ("--clients" or "--rate" or "--seconds" or "--burst" or "--warmup" or "--server-warmup" or "--targets" or "--timeout" or "--write-limit" or "--client"))
            {
                error = $"Unknown option '{arg}'.";
                return null;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{arg} needs a value.";
                return null;
            }

            var value = args[++i];
            options = arg switch
            {
                "--clients" => options with { Clients = ParseClients(value, ref error) },
                "--rate" => options with { Rate = BenchmarkOptions.Number(arg, value, 0.1, 10_000, ref error) },
                "--seconds" => options with { Seconds = BenchmarkOptions.Int(arg, value, 1, 600, ref error) },
                "--burst" => options with { Burst = BenchmarkOptions.Int(arg, value, 0, 100_000, ref error) },
                "--warmup" => options with { Warmup = BenchmarkOptions.Int(arg, value, 0, 10_000, ref error) },
                "--server-warmup" => options with { ServerWarmup = BenchmarkOptions.Int(arg, value, 0, 100_000, ref error) },
                "--targets" => options with { Targets = ParseTargets(value, ref error) },
                "--client" => options with { Client = ParseClient(value, ref error) },
                "--write-limit" => options with { WriteLimit = TimeSpan.FromSeconds(BenchmarkOptions.Int(arg, value, 1, 3600, ref error)) },
                _ => options with { Timeout = TimeSpan.FromSeconds(BenchmarkOptions.Int(arg, value, 10, 7200, ref error)) },
            };
            if (error is not null)
            {
                return null;
            }
        }

        return options;
    }

    private static int[] ParseClients(string value, ref string? error)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var counts = new int[parts.Length];
        for (var i = 0; i < parts.Length && error is null; i++)
        {
            counts[i] = BenchmarkOptions.Int("--clients", parts[i], 2, 20_000, ref error);
        }

        if (counts.Length == 0)
        {
            error = "--clients needs at least one count.";
        }

        return counts;
    }

    private static HubClientKind ParseClient(string value, ref string? error)
    {
        switch (value)
        {
            case "raw":
                return HubClientKind.Raw;
            case "epoll":
                return HubClientKind.Epoll;
            case "signalr":
                return HubClientKind.SignalR;
            default:
                error = $"--client takes epoll, raw or signalr, not '{value}'.";
                return HubClientKind.Raw;
        }
    }

    private static string[] ParseTargets(string value, ref string? error)
    {
        var targets = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (targets.Length == 0 || targets.Any(t => t is not ("app" or "baseline")))
        {
            error = $"--targets takes app, baseline or both, not '{value}'.";
        }

        return targets;
    }

    public string Settings() => string.Create(CultureInfo.InvariantCulture,
        $"clients {string.Join(", ", Clients)}; steady {SteadyWrites} writes at {Rate}/s; burst {Burst} writes; {ServerWarmup} server warm-up writes per target before any client connects; {Warmup} warm-up writes per client count; targets {string.Join(", ", Targets)}; client {Client switch { HubClientKind.Epoll => "epoll (hand-framed WebSockets, one reading thread)", HubClientKind.Raw => "raw WebSocket", _ => "SignalR HubConnection" }}");
}
