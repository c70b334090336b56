using CampaignManager.Benchmarks.Hub;
using CampaignManager.Benchmarks.Servers;

namespace CampaignManager.Benchmarks.Memory;

/// <summary>
/// Opens and closes rounds of hub connections on both app instances until the JIT has settled in both
/// processes, as <see cref="TabWarmup"/> does with tabs, so the "before" snapshot holds the JIT's tiering
/// and an idle connection's figure does not. With only the 50 kept connections per instance the JIT
/// compiled 2,700–4,800 methods per instance while the measured 500 opened (2026-11-27 21:10), which put
/// 7–8 KB of JIT code and 11–14 KB of native memory on each connection; both go once the JIT has settled. Connections opened
/// in a round are closed again once subscribed (which warms the disconnect path too), and each round ends with a
/// pause for the tiering; the kept ones stay.
/// </summary>
/// <remarks>
/// A first try (2026-11-27 afternoon) kept every round's connections open and then measured −3 and −14 KB
/// per connection; that version of the benchmark took its "after" once the measured connections had been
/// closed (docs/benchmarks.md, "The memory benchmark measured closed items"), so it said nothing about
/// warm-up rounds.
/// </remarks>
internal static class HubWarmup
{
    /// <summary>Connections per instance in one round.</summary>
    public const int PerRound = 50;

    /// <summary>A round in which each instance compiled fewer methods than this ends the warm-up.</summary>
    public const int SettledBelow = 40;

    private static readonly TimeSpan ClosedBound = TimeSpan.FromSeconds(60);

    // After each round: the JIT's tiering promotes methods in the background, once no new tier-0 code has been
    // compiled for a moment. Rounds back to back did not settle in 20 (50-500 methods per round to the end, 2026-11-27
    // 21:19-22:05); with this pause they settled in 8-12.
    private static readonly TimeSpan TieringPause = TimeSpan.FromSeconds(2);

    /// <param name="open">Opens the given number of connections, alternating instances.</param>
    public static async Task<HubWarmupResult> RunAsync(AppPair pair, Func<int, Task<HubClient[]>> open, int keepPerInstance, int maximumRounds,
        TextWriter progress, CancellationToken ct)
    {
        var kept = await open(2 * keepPerInstance);
        long[] lastRound = [0, 0];
        var rounds = 0;
        var settled = false;
        try
        {
            while (rounds < maximumRounds && !settled)
            {
                var before = await pair.JitMethodsAsync(ct);
                var round = await open(2 * PerRound);
                await CloseAsync(round);
                // No closed connection may be in the "before".
                await pair.WaitUntilOpenAsync(s => s.HubConnections, keepPerInstance, "hub connections", ClosedBound, TimeSpan.FromMilliseconds(100), ct);
                await Task.Delay(TieringPause, ct);
                rounds++;
                var after = await pair.JitMethodsAsync(ct);
                lastRound = [after[0] - before[0], after[1] - before[1]];
                settled = lastRound.All(n => n < SettledBelow);
                progress.WriteLine($"[bench] warm-up: round {rounds} of {PerRound} hub connections per instance compiled {lastRound[0]} / {lastRound[1]} methods");
            }
        }
        catch
        {
            await CloseAsync(kept);
            throw;
        }

        return new HubWarmupResult(kept, keepPerInstance, rounds, lastRound, settled);
    }

    private static async Task CloseAsync(HubClient[] clients) =>
        await Parallel.ForEachAsync(clients, async (c, _) => await c.DisposeAsync());
}

/// <param name="Kept">The connections left open (they are in the "before").</param>
/// <param name="Rounds">Rounds of <see cref="HubWarmup.PerRound"/> connections per instance opened and closed.</param>
/// <param name="LastRoundCompiled">Methods each instance compiled during the last round.</param>
internal sealed record HubWarmupResult(HubClient[] Kept, int KeptPerInstance, int Rounds, long[] LastRoundCompiled, bool Settled)
{
    public string Describe() => Rounds == 0
        ? $"- Warm-up: {KeptPerInstance} hub connections per instance, left open; no rounds (`--warm-rounds 0`)."
        : Settled
            ? $"- Warm-up: {KeptPerInstance} hub connections per instance left open, then {Rounds} rounds of {HubWarmup.PerRound} per instance opened, subscribed and closed, until a round compiled fewer than {HubWarmup.SettledBelow} methods on each instance (the last: {LastRoundCompiled[0]} / {LastRoundCompiled[1]})."
            : $"- Warm-up: **the JIT did not settle** within {Rounds} rounds of {HubWarmup.PerRound} hub connections per instance (the last compiled {LastRoundCompiled[0]} / {LastRoundCompiled[1]} methods; {KeptPerInstance} per instance left open): the JIT-code column includes tiering, which is the process's and not the connections'.";
}
