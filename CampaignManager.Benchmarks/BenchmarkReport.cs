using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CampaignManager.Benchmarks;

/// <summary>Everything the run found, as markdown for stdout and docs/benchmarks.md.</summary>
internal sealed class BenchmarkReport(BenchmarkOptions options)
{
    /// <summary>ARCHITECTURE.md's budget: circuit fan-out to 1,000 sessions, commit → store-updated p99.</summary>
    public const double BudgetP99Milliseconds = 5;

    public string RedisVersion { get; set; } = "not started";

    public MemorySnapshot? Before { get; set; }

    public MemorySnapshot? After { get; set; }

    public double OpenSeconds { get; set; }

    /// <summary>Sessions in this process (all of them, or the first instance's with <c>--process-per-instance</c>).</summary>
    public int LocalSessions { get; set; }

    public int GameMasterSessions { get; set; }

    public int PlayerSessions { get; set; }

    public List<PhaseResult> Phases { get; } = [];

    /// <summary>Methods compiled per warm-up round, the pause before it included (what ended the warm-up).</summary>
    public List<long> WarmupCompiled { get; } = [];

    /// <summary>At least two warm-up rounds ran and the last compiled almost nothing: the measured phases run warm.</summary>
    public bool WarmupSettled => WarmupCompiled.Count >= 2 && JitWarmup.Settled(WarmupCompiled[^1]);

    /// <summary>The write path's warm-up before the sessions opened; null when skipped.</summary>
    public JitWarmupResult? ServerWarmup { get; set; }

    public string? Failure { get; set; }

    public int StaleStores { get; set; }

    public int Reloads { get; set; }

    public int Overflow { get; set; }

    public long RouterRepeats { get; set; }

    public IReadOnlyDictionary<string, int> Logs { get; set; } = new Dictionary<string, int>();

    public double WallSeconds { get; set; }

    public IReadOnlyList<DeliveryCost.Step> DeliveryCost { get; set; } = [];

    public string LoadAtStart { get; } = LoadAverage.Now();

    private IEnumerable<PhaseResult> Measured => Phases.Where(p => !IsWarmup(p.Name));

    public static bool IsWarmup(string phase) => phase.StartsWith("warm-up", StringComparison.Ordinal);

    public bool Passed => Failure is null
        && Phases.Count > 0
        && Phases.All(p => p.Incomplete is null && p.Lost == 0 && p.Duplicates == 0 && p.OutOfOrder == 0 && p.Unexpected == 0)
        && StaleStores == 0 && Reloads == 0 && Overflow == 0;

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var line = (string text) => md.Append(text).Append('\n');
        line("");
        line($"## Circuit fan-out: {options.Sessions:N0} sessions on 2 instances through Redis{(options.ProcessPerInstance ? ", each instance in its own process" : "")}");
        line("");
        var arguments = options.CommandLine.Length == 0 ? "" : " -- " + options.CommandLine;
        line($"Command: `dotnet run -c Release --project CampaignManager.Benchmarks{arguments}`  ");
        line($"Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} cores, {TotalMemory()}, {RuntimeInformation.OSDescription}, " +
             $"{RuntimeInformation.FrameworkDescription} ({AppEnvironment.Describe(forChildren: false)}), {RedisVersion}.  ");
        line($"Settings: {options.Sessions} sessions ({GameMasterSessions} on the game masters' stream, {PlayerSessions} on the players'), " +
             $"{options.Events} events per phase, steady rate {options.Rate.ToString(CultureInfo.InvariantCulture)}/s, {options.Warmup} warm-up events per round.");
        if (Phases.Count == 0)
        {
            line("");
            line($"- Result: FAILED: {Failure ?? "no phase ran"}.");
            line("");
            return md.ToString();
        }

        line("");
        line("| phase | sessions | events | commits/s | deliveries expected | received | lost | duplicated | out-of-order | p50 ms | p95 ms | p99 ms | max ms | deliveries/s |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in Measured)
        {
            var name = p.Name == "steady" ? $"steady (target {options.Rate.ToString(CultureInfo.InvariantCulture)}/s)" : p.Name;
            line($"| {name}{(p.Incomplete is null ? "" : " (incomplete)")} | {p.Sessions} | {p.Commits} | {Number(p.CommitsPerSecond)} | {p.Expected} | {p.Received} | {p.Lost} | {p.Duplicates} | " +
                 $"{p.OutOfOrder + p.Unexpected} | {Ms(p.Latency.Percentile(50))} | {Ms(p.Latency.Percentile(95))} | {Ms(p.Latency.Percentile(99))} | {Ms(p.Latency.Max)} | {Number(p.DeliveriesPerSecond)} |");
        }

        line("");
        foreach (var p in Measured)
        {
            var p99 = p.Latency.Percentile(99);
            line($"- Budget (commit → store updated p99 ≤ {BudgetP99Milliseconds} ms at 1,000 sessions), {p.Name}: {Ms(p99)} ms — " +
                 $"{(double.IsNaN(p99) ? "no data" : p99 <= BudgetP99Milliseconds ? "met" : $"missed ({p99 / BudgetP99Milliseconds:0.#}×)")}.");
        }

        line("");
        line("Where the time goes (p50 / p99 ms):");
        line("");
        line("| phase | UpdateAsync call (per commit) | commit → publisher returned (per commit) | commit → off Redis at the router (per event and instance) | router hand-out, first → last subscriber | router → session's store loop (per delivery) | store loop → store updated |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var p in Measured)
        {
            line($"| {p.Name} | {p.CommitCall.Brief()} | {p.CommitToPublished.Brief()} | {p.CommitToRouter.Brief()} | {p.RouterHandOut.Brief()} | {p.RouterToStore.Brief()} | {p.StoreApply.Brief()} |");
        }

        line("");
        line("Commit → store updated by instance and stream (p50 / p99 ms):");
        line("");
        line("| phase | instance 1 (commits) | instance 2 | game masters' stream | players' stream |");
        line("|---|---:|---:|---:|---:|");
        foreach (var p in Measured)
        {
            line($"| {p.Name} | {p.CommittingInstance.Brief()} | {p.OtherInstance.Brief()} | {p.GameMasters.Brief()} | {p.Players.Brief()} |");
        }

        line("");
        line(options.ProcessPerInstance
            ? "Runtime during each phase, in the benchmark's process (instance 1, its sessions and the writer):"
            : "Runtime during each phase (one process: both instances, their sessions and the writer):");
        line("");
        line("| phase | wall s | CPU s (cores busy) | CPU µs per delivery | allocated MB (KB per delivery) | GC pauses ms (longest) | gen0 / gen1 / gen2 | KB promoted per gen-0 GC | max thread-pool queue | max threads | methods JIT-compiled (JIT ms) |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in Phases)
        {
            var deliveries = Math.Max(1, p.Received);
            var collections = p.Gc.Collections();
            line($"| {p.Name} | {p.WallSeconds:0.0} | {p.CpuSeconds:0.0} ({p.CpuSeconds / p.WallSeconds:0.00}) | {p.CpuSeconds * 1e6 / deliveries:0} | " +
                 $"{p.AllocatedBytes / 1024.0 / 1024.0:0} ({p.AllocatedBytes / 1024.0 / deliveries:0.0}) | {p.Gc.Pause.TotalMilliseconds:0} ({collections.LongestPauseMilliseconds:0.0}) | {p.Gc.Gen0} / {p.Gc.Gen1} / {p.Gc.Gen2} | {collections.PromotedKilobytesPerGen0?.ToString("0", CultureInfo.InvariantCulture) ?? "–"} | {p.MaxThreadPoolQueue} | {p.MaxThreadPoolThreads} | {p.Jit.Methods} ({p.Jit.Time.TotalMilliseconds:0}) |");
        }

        if (Phases.Any(p => p.InstanceProcess is not null))
        {
            line("");
            line("Runtime during each phase, in instance 2's own process (its sessions only; it commits nothing):");
            line("");
            line("| phase | CPU s (cores busy) | allocated MB (KB per delivery to it) | GC pauses ms (longest) | gen0 / gen1 / gen2 | KB promoted per gen-0 GC |");
            line("|---|---:|---:|---:|---:|---:|");
            foreach (var p in Phases.Where(p => p.InstanceProcess is not null))
            {
                var other = p.InstanceProcess!;
                var deliveries = Math.Max(1, p.OtherInstance.Count);
                line($"| {p.Name} | {other.CpuSeconds:0.0} ({other.CpuSeconds / p.WallSeconds:0.00}) | {other.AllocatedBytes / 1024.0 / 1024.0:0} ({other.AllocatedBytes / 1024.0 / deliveries:0.0}) | " +
                     $"{other.Pause.TotalMilliseconds:0} ({other.Collections.LongestPauseMilliseconds:0.0}) | {other.Generations} | {other.Collections.PromotedKilobytesPerGen0?.ToString("0", CultureInfo.InvariantCulture) ?? "–"} |");
            }
        }

        line("");
        foreach (var p in Phases.Where(p => !IsWarmup(p.Name)))
        {
            var each = p.Gc.Collections().Collections.Select(c => $"gen {c.Generation} {c.Pause.TotalMilliseconds:0.0} ({c.Suspending.TotalMilliseconds:0.0} + {c.Collecting.TotalMilliseconds:0.0}) ms / {c.Promoted / 1024.0:0} KB");
            var where = p.InstanceProcess is null ? "" : " of the benchmark's process";
            line($"- Collections{where} in the {p.Name} phase (pause (suspending the threads + collecting) / promoted): {string.Join(", ", each.DefaultIfEmpty("none"))}.");
            if (p.InstanceProcess is { } other)
            {
                var theirs = other.Collections.Collections.Select(c => $"gen {c.Generation} {c.Pause.TotalMilliseconds:0.0} ({c.Suspending.TotalMilliseconds:0.0} + {c.Collecting.TotalMilliseconds:0.0}) ms / {c.Promoted / 1024.0:0} KB");
                line($"- Collections of instance 2's process in the {p.Name} phase: {string.Join(", ", theirs.DefaultIfEmpty("none"))}.");
            }
        }

        if (DeliveryCost.Count > 0)
        {
            line("");
            line("Per-delivery steps timed alone (one thread, after the run, two real consecutive players' events; quickest of 7 rounds):");
            line("");
            line("| step | µs per call | bytes allocated per call | calls per delivery |");
            line("|---|---:|---:|---|");
            foreach (var step in DeliveryCost)
            {
                line($"| {step.Name} | {step.MicrosecondsPerCall:0.0} | {step.BytesPerCall:0} | {step.CallsPerDelivery} |");
            }
        }

        if (Before is not null && After is not null)
        {
            var sessions = Math.Max(1, LocalSessions);
            line("");
            line("| memory (after a full GC) | process RSS | managed heap |");
            line("|---|---:|---:|");
            line($"| before opening the sessions | {Mb(Before.ResidentBytes)} | {Mb(Before.ManagedBytes)} |");
            line($"| after opening {LocalSessions} sessions{(LocalSessions == options.Sessions ? "" : " (instance 1's, in this process)")} | {Mb(After.ResidentBytes)} | {Mb(After.ManagedBytes)} |");
            line($"| per session (≈) | {Kb((After.ResidentBytes - Before.ResidentBytes) / sessions)} | {Kb((After.ManagedBytes - Before.ManagedBytes) / sessions)} |");
        }

        line("");
        if (OpenSeconds > 0)
        {
            line($"- Opening {LocalSessions} sessions in this process took {OpenSeconds:0.0} s ({LocalSessions / OpenSeconds:0} sessions/s, 8 at a time).");
        }

        line(ServerWarmup is { } server
            ? server.Describe("renames on instance 1 before the sessions opened (write path)")
            : "- No server warm-up (--server-warmup 0): the write path may still be compiling during the phases.");
        var warmups = Phases.Where(p => IsWarmup(p.Name)).ToList();
        if (warmups.Count > 0)
        {
            line($"- Warm-up (not measured): {warmups.Count} round(s) of {options.Warmup} events at the steady rate with the sessions open, " +
                 (WarmupSettled
                     ? $"until a round compiled fewer than {JitWarmup.SettledBelow} methods, the pause before it included ({string.Join(", ", WarmupCompiled)}); "
                     : $"**the JIT had not settled** ({string.Join(", ", WarmupCompiled)} methods per round); ") +
                 $"{warmups.Sum(w => w.Received)}/{warmups.Sum(w => w.Expected)} deliveries; p99 {Ms(warmups[0].Latency.Percentile(99))} ms in the first round, {Ms(warmups[^1].Latency.Percentile(99))} ms in the last.");
        }

        line($"- Events the routers got more than once (relay or Redis; sessions drop them): {RouterRepeats}. Stores not at the last event afterwards: {StaleStores}. Reloads: {Reloads}.");
        line(Logs.Count == 0
            ? "- The app instances logged no warnings or errors."
            : $"- The app instances logged: {string.Join("; ", Logs.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Value}× {l.Key}"))}.");
        line($"- Whole run: {WallSeconds:0.0} s. Machine load average (1 min) at the start: {LoadAtStart}, at the end: {LoadAverage.Now()} (other work on the machine competes for its {Environment.ProcessorCount} cores).");
        line($"- Result: {(Passed ? "every delivery arrived once and in order" : "FAILED: " + (Failure ?? "lost, duplicated or out-of-order deliveries, or stale stores (see above)"))}.");
        line("");
        return md.ToString();
    }

    private static string Ms(double milliseconds) => Distribution.Format(milliseconds);

    private static string Number(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString("0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0} MB";

    private static string Kb(long bytes) => $"{bytes / 1024.0:0} KB";

    internal static string TotalMemory()
    {
        var total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{total / 1024.0 / 1024.0 / 1024.0:0} GB";
    }
}
