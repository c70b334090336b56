using System.Runtime;

namespace CampaignManager.Benchmarks;

/// <summary>
/// Repeats a step until the JIT has settled in this process. Tiered compilation keeps recompiling hot
/// methods long after start: after 300 warm-up commits, the next 1,000 still compiled ~4,700 methods
/// (1.5 s of JIT) and cost nearly three times the CPU of the steady state, and two runs of one build
/// differed by half. A server runs for days, so the benchmarks measure once a round of steps compiles
/// almost nothing. Counts this process only: for app instances hosted in it, not for servers in child
/// processes.
/// </summary>
internal static class JitWarmup
{
    /// <summary>Steps per round after the minimum.</summary>
    public const int Round = 250;

    /// <summary>A round that compiles fewer methods than this ends the warm-up.</summary>
    public const int SettledBelow = 20;

    /// <summary>Whether a round that compiled this many methods ends a warm-up.</summary>
    public static bool Settled(long compiled) => compiled < SettledBelow;

    public static async Task<JitWarmupResult> RunAsync(Func<Task> step, int minimum, int maximum, CancellationToken ct)
    {
        var done = 0;
        for (; done < minimum; done++)
        {
            ct.ThrowIfCancellationRequested();
            await step();
        }

        while (true)
        {
            var before = JitActivity.Now();
            for (var i = 0; i < Round; i++)
            {
                ct.ThrowIfCancellationRequested();
                await step();
            }

            done += Round;
            var compiled = JitActivity.Now().Since(before).Methods;
            if (Settled(compiled) || done >= maximum)
            {
                return new JitWarmupResult(done, compiled, Settled(compiled));
            }
        }
    }
}

/// <param name="Steps">Steps run, the minimum included.</param>
/// <param name="LastRoundCompiled">Methods the JIT compiled during the last round.</param>
/// <param name="Settled">Whether that was below <see cref="JitWarmup.SettledBelow"/>; false when the maximum ended it.</param>
internal sealed record JitWarmupResult(int Steps, long LastRoundCompiled, bool Settled)
{
    /// <summary>One report line, e.g. "Warm-up: 2,500 commits, until …".</summary>
    public string Describe(string steps) => Settled
        ? $"- Warm-up: {Steps:N0} {steps}, until a round of {JitWarmup.Round} compiled fewer than {JitWarmup.SettledBelow} methods (the last: {LastRoundCompiled}); the tables are the steady state."
        : $"- Warm-up: **the JIT did not settle** within {Steps:N0} {steps} (the last round of {JitWarmup.Round} compiled {LastRoundCompiled} methods); the tables include JIT work.";
}

/// <summary>Methods the JIT compiled and its time, from a start to now (this process).</summary>
internal readonly record struct JitActivity(long Methods, TimeSpan Time)
{
    public static JitActivity Now() => new(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public JitActivity Since(JitActivity start) => new(Methods - start.Methods, Time - start.Time);
}
