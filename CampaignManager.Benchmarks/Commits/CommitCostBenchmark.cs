using System.Diagnostics;
using System.Globalization;
using System.Text;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Settlements;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Benchmarks.Commits;

/// <summary>
/// What one write costs the server when nothing else runs: the game master renames a settlement of the
/// demo campaign back to back, each commit in its own DI scope as a request or a circuit event would be.
/// The fan-out benchmarks make this same write; its CPU and garbage are what the fan-out shares the
/// cores with (docs/benchmarks.md, "Why the hub's 30 ms is out of reach here").
/// </summary>
internal sealed class CommitCostBenchmark(CommitOptions options, TextWriter progress)
{
    private const string GameMaster = "gm@example.com";

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var load = LoadAverage.Now();
        Result? result = null;
        JitWarmupResult? warmup = null;
        var directory = Directory.CreateTempSubdirectory("cm-commits-");
        var logs = new LogCounter();
        var failure = await BoundedRun.RunAsync(stop, options.Timeout, async ct =>
        {
            var database = $"Data Source={Path.Combine(directory.FullName, "campaign.db")}";
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Database"] = database,
                ["ConnectionStrings:DefaultConnection"] = database,
                ["Seed:Demo"] = "true",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            progress.WriteLine("[bench] starting the app (in-memory notifier, temporary SQLite file)…");
            await using var app = new AppInstance(settings, _ => { }, logs).Start();
            var target = await DemoRenameTarget.LocateAsync(app.Services, ct);
            var (gmId, gmName) = (await DemoRenameTarget.UsersAsync(app.Services, [GameMaster]))[GameMaster];
            var gameMaster = new Actor(gmId, gmName);
            var commit = 0;
            async Task<double> CommitAsync()
            {
                await using var scope = app.Services.CreateAsyncScope();
                var settlements = scope.ServiceProvider.GetRequiredService<SettlementService>();
                var started = Stopwatch.GetTimestamp();
                var update = await settlements.UpdateAsync(gameMaster, target.SettlementId, new SettlementUpdate(Name: DemoRenameTarget.Names[commit++ % DemoRenameTarget.Names.Length]), ct: ct);
                var took = Distribution.Milliseconds(started, Stopwatch.GetTimestamp());
                if (!update.Changed)
                {
                    throw new InvalidOperationException("A rename did not change the settlement.");
                }

                return took;
            }

            progress.WriteLine($"[bench] at least {options.Warmup} warm-up commits, then until the JIT settles…");
            warmup = await JitWarmup.RunAsync(CommitAsync, options.Warmup, options.MaxWarmup, ct);

            progress.WriteLine($"[bench] {options.Commits} measured commits…");
            using var sql = new SqlCommandCounter();
            GC.Collect();
            var times = new List<double>(options.Commits);
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var pause = GC.GetTotalPauseDuration();
            var jit = JitActivity.Now();
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < options.Commits; i++)
            {
                times.Add(await CommitAsync());
            }

            wall.Stop();
            process.Refresh();
            result = new Result(
                Distribution.Of(times),
                wall.Elapsed,
                process.TotalProcessorTime - cpu,
                GC.GetTotalAllocatedBytes(precise: true) - allocated,
                sql.Commands,
                sql.Time,
                (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2),
                GC.GetTotalPauseDuration() - pause,
                JitActivity.Now().Since(jit));
        });

        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is not worth failing the run for.
        }

        Console.Out.Write(Report(result, warmup, failure, logs, load, clock.Elapsed));
        Console.Out.Flush();
        return failure is null ? 0 : 1;
    }

    private string Report(Result? result, JitWarmupResult? warmup, string? failure, LogCounter logs, string load, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        void Line(string text) => md.Append(text).Append('\n');
        Line("");
        Line("## Commit cost: one settlement rename, alone");
        Line("");
        Line(BoundedRun.Heading(options.CommandLine, AppEnvironment.Describe(forChildren: false)));
        Line($"Settings: {options.Commits} measured commits after {(warmup is { } w ? $"{w.Steps:N0}" : $"at least {options.Warmup:N0}")} warm-up ones, back to back, one at a time, the game master renaming {DemoRenameTarget.SettlementName} through `SettlementService.UpdateAsync` (in-memory notifier, SQLite).");
        Line("");
        if (result is { } r)
        {
            var n = options.Commits;
            Line("| commits | commits/s | p50 ms | p95 ms | p99 ms | max ms | CPU ms per commit | KB allocated per commit | SQL commands per commit | SQL ms per commit | gen0 / gen1 / gen2 | GC pause ms | methods JIT-compiled | JIT ms |");
            Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
            Line(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {n / r.Wall.TotalSeconds:0} | {Distribution.Format(r.Times.Percentile(50))} | {Distribution.Format(r.Times.Percentile(95))} | " +
                $"{Distribution.Format(r.Times.Percentile(99))} | {Distribution.Format(r.Times.Max)} | {r.Cpu.TotalMilliseconds / n:0.00} | " +
                $"{r.Allocated / 1024.0 / n:0} | {(double)r.SqlCommands / n:0.0} | {r.SqlTime.TotalMilliseconds / n:0.00} | " +
                $"{r.Collections.Gen0} / {r.Collections.Gen1} / {r.Collections.Gen2} | {r.Pause.TotalMilliseconds:0} | {r.Jit.Methods} | {r.Jit.Time.TotalMilliseconds:0} |"));
            Line("");
        }

        if (warmup is { } settled)
        {
            Line(settled.Describe("commits"));
        }

        if (failure is not null)
        {
            Line($"- Result: **{failure}**.");
        }

        foreach (var (category, count) in logs.Counts)
        {
            Line($"- The app logged {count}× {category}.");
        }

        Line($"- Whole run: {elapsed.TotalSeconds:0.0} s. Load average (1 min) at the start: {load}, at the end: {LoadAverage.Now()}.");
        return md.ToString();
    }

    private sealed record Result(
        Distribution Times,
        TimeSpan Wall,
        TimeSpan Cpu,
        long Allocated,
        long SqlCommands,
        TimeSpan SqlTime,
        (int Gen0, int Gen1, int Gen2) Collections,
        TimeSpan Pause,
        JitActivity Jit);
}
