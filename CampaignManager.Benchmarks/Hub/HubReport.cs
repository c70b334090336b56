using System.Globalization;
using System.Text;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>The hub benchmark's tables as markdown, app and baseline side by side.</summary>
internal sealed class HubReport(HubOptions options)
{
    public const int BudgetClients = 1000;
    public const double BudgetP99Milliseconds = 30;

    public string RedisVersion { get; set; } = "not started";

    public List<HubPhaseResult> Phases { get; } = [];

    public int EnvelopeBytes { get; set; }

    public string? Failure { get; set; }

    public IReadOnlyList<(string Name, int Warnings, int Errors)> Logs { get; set; } = [];

    public double WallSeconds { get; set; }

    public IReadOnlyList<DeliveryCost.Step> SendCost { get; set; } = [];

    public string LoadAtStart { get; } = LoadAverage.Now();

    public bool Passed => Failure is null && Phases.Count > 0 && Phases.All(p => p.Correct);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var line = (string text) => md.Append(text).Append('\n');
        line("");
        line("## Hub fan-out: the app against a bare SignalR hub on the Redis backplane, 2 instances each");
        line("");
        line(BoundedRun.Heading(options.CommandLine, $"{RedisVersion}, {AppEnvironment.Describe(forChildren: true)} in the app processes"));
        line($"Settings: {options.Settings()}. Envelope: {EnvelopeBytes} bytes of JSON (the baseline's payload is padded to it).");
        line("");
        line("| clients | phase | target | writes | writes/s | deliveries expected | received | lost | duplicated | out of order | p50 ms | p95 ms | p99 ms | max ms | deliveries/s | load (1 min) |");
        line("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var p in Phases)
        {
            line($"| {p.Clients} | {p.Phase}{(p.Incomplete is null ? "" : " (incomplete)")} | {p.Target} | {p.Writes}{(p.Writes < p.PlannedWrites ? $" of {p.PlannedWrites}" : "")} | {Number(p.WritesPerSecond)} | {p.Expected} | {p.Received} | {p.Lost} | " +
                 $"{p.Duplicates} | {p.OutOfOrder + p.Unexpected} | {Ms(p.Latency.Percentile(50))} | {Ms(p.Latency.Percentile(95))} | {Ms(p.Latency.Percentile(99))} | " +
                 $"{Ms(p.Latency.Max)} | {Number(p.DeliveriesPerSecond)} | {p.Load} |");
        }

        line("");
        line("Server processes (peak RSS sampled every 100 ms; CPU from /proc, per delivery that server sent, and net of the CPU it burnt idle with the clients connected; instance 1 also serves the writes) and the load client (all connections in this process):");
        line("");
        line("| clients | phase | target | instance 1 peak RSS MB | instance 1 CPU s | µs per delivery (net) | instance 2 peak RSS MB | instance 2 CPU s | µs per delivery (net) | client CPU s | client µs per delivery |");
        line("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in Phases)
        {
            var cells = string.Join(" | ", p.Servers.Select(s => $"{s.PeakResidentBytes / 1024.0 / 1024.0:0} | {s.CpuSeconds:0.00} | {Number(s.CpuMicrosecondsPerDelivery)} ({Number(s.NetCpuMicrosecondsPerDelivery)})"));
            line($"| {p.Clients} | {p.Phase} | {p.Target} | {cells} | {p.ClientCpuSeconds:0.00} | {Number(p.ClientCpuSeconds * 1e6 / Math.Max(1, p.Received))} |");
        }

        if (SendCost.Count > 0)
        {
            line("");
            line("The hub's per-connection send steps timed alone (one thread, after the app's phases, a real envelope; quickest of 7 rounds):");
            line("");
            line("| step | µs per call | bytes allocated per call | calls |");
            line("|---|---:|---:|---|");
            foreach (var step in SendCost)
            {
                line($"| {step.Name} | {step.MicrosecondsPerCall:0.00} | {step.BytesPerCall:0} | {step.CallsPerDelivery} |");
            }
        }

        line("");
        foreach (var budget in Budgets())
        {
            line($"- {budget}");
        }

        foreach (var (name, warnings, errors) in Logs)
        {
            if (warnings + errors > 0)
            {
                line($"- {name} logged {warnings} warnings and {errors} errors (see stderr).");
            }
        }

        if (Logs.Count > 0 && Logs.All(l => l.Warnings + l.Errors == 0))
        {
            line("- The servers logged no warnings or errors.");
        }

        line($"- Whole run: {WallSeconds:0} s. Load average (1 min) at the start: {LoadAtStart}, at the end: {LoadAverage.Now()}.");
        line($"- Result: {(Passed ? "every delivery arrived once and in order" : "FAILED: " + (Failure ?? "lost, duplicated, out-of-order or missing deliveries (see above)"))}.");
        line("");
        return md.ToString();
    }

    private IEnumerable<string> Budgets()
    {
        var app = Phases.FirstOrDefault(p => p is { Target: "app", Phase: "steady", Clients: BudgetClients });
        var bare = Phases.FirstOrDefault(p => p is { Target: "baseline", Phase: "steady", Clients: BudgetClients });
        if (app is not null)
        {
            var p99 = app.Latency.Percentile(99);
            yield return $"Budget (app, {BudgetClients} clients, steady: p99 ≤ {BudgetP99Milliseconds} ms): {Ms(p99)} ms — {(p99 <= BudgetP99Milliseconds ? "met" : "missed")}.";
            if (bare is not null)
            {
                var baseline = bare.Latency.Percentile(99);
                yield return $"Budget (app p99 ≤ the baseline's in the same run): {Ms(p99)} ms against {Ms(baseline)} ms — {(p99 <= baseline ? "met" : "missed")}.";
            }
        }

        var wrong = Phases.Where(p => p.Target == "app" && !p.Correct).ToList();
        yield return wrong.Count == 0
            ? "Budget (app: 0 lost, duplicated or out of order at every client count and in bursts): met."
            : $"Budget (app: 0 lost, duplicated or out of order): missed in {string.Join(", ", wrong.Select(p => $"{p.Clients} {p.Phase}"))}.";
    }

    private static string Ms(double milliseconds) => Distribution.Format(milliseconds);

    private static string Number(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString("0", CultureInfo.InvariantCulture);
}
