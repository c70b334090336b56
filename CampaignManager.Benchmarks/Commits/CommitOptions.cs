namespace CampaignManager.Benchmarks.Commits;

/// <summary>The command line of the <c>commits</c> benchmark.</summary>
internal sealed class CommitOptions
{
    public const string Scenario = "commits";

    public const string Usage = """
        Usage: dotnet run -c Release --project CampaignManager.Benchmarks -- commits [options]

        What one command costs the server, alone: one app instance in this process (temporary
        SQLite file, in-memory notifier, nothing subscribed), the game master renaming a settlement
        of the demo campaign back to back through SettlementService.UpdateAsync — the write every
        fan-out benchmark makes. Per commit: wall time, CPU, bytes allocated, SQL commands and
        their time, GC collections.

        Options:
          --commits N     measured commits                                    (default 1000)
          --warmup W      warm-up commits at least; then rounds of 250 more      (default 1000)
                          until a round JIT-compiles fewer than 20 methods
          --max-warmup M  stop warming up after M commits even if the JIT     (default 20000)
                          has not settled (the report then says so)
          --timeout S     bound for the whole run in seconds                  (default 300)
          -h, --help      print this help

        Exit codes: 0 finished, 1 a failure, 2 bad arguments.
        """;

    public int Commits { get; private set; } = 1000;

    public int Warmup { get; private set; } = 1000;

    public int MaxWarmup { get; private set; } = 20_000;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(300);

    public string CommandLine { get; private set; } = "";

    public static CommitOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new CommitOptions { CommandLine = string.Join(' ', args) };
        var ok = OptionReader.Read(args, new Dictionary<string, Func<string, string?>>
        {
            ["--commits"] = v => OptionReader.Int("--commits", v, 1, 1_000_000, n => options.Commits = n),
            ["--warmup"] = v => OptionReader.Int("--warmup", v, 0, 100_000, n => options.Warmup = n),
            ["--max-warmup"] = v => OptionReader.Int("--max-warmup", v, 0, 1_000_000, n => options.MaxWarmup = n),
            ["--timeout"] = v => OptionReader.Int("--timeout", v, 60, 7200, n => options.Timeout = TimeSpan.FromSeconds(n)),
        }, out error);
        return ok ? options : null;
    }
}
