using CampaignManager.Benchmarks.Browser;
using CampaignManager.Benchmarks.Servers;
using Microsoft.Playwright;

namespace CampaignManager.Benchmarks.Memory;

/// <summary>
/// Opens campaign tabs on both app instances until the JIT has settled in both processes, so the
/// memory benchmark's "before" holds the JIT's code and an idle tab's figure does not. A trace of one
/// instance while tabs 4 to 36 opened (docs/benchmarks.md, "The JIT-code column was the JIT's
/// warm-up") found every method compiled then to be a tiering recompilation of a hot method and none
/// to be code of one circuit: code is compiled once per process, and never freed. Tabs opened in the
/// rounds are closed again once interactive (their circuits end, which warms that path too); the
/// <c>keepOpen</c> tabs per instance stay open, as before.
/// </summary>
internal static class TabWarmup
{
    /// <summary>Tabs per instance in one round after the kept ones.</summary>
    public const int TabsPerRound = 4;

    /// <summary>A round in which each instance compiled fewer methods than this ends the warm-up.</summary>
    public const int SettledBelow = 40;

    // A tab closed before its graceful disconnect reached the server leaves a disconnected circuit, which Blazor
    // keeps for its retention period (3 min by default) before ending it; a smoke run met one after 60 s.
    private static readonly TimeSpan ClosedCircuitsBound = TimeSpan.FromMinutes(4);

    public static async Task<TabWarmupResult> RunAsync(Chromium chromium, AppPair pair, string campaignId, IReadOnlyList<string> users,
        int keepOpen, int maximumPerInstance, TextWriter progress, CancellationToken ct)
    {
        var kept = new List<IPage>();
        for (var i = 0; i < 2 * keepOpen; i++)
        {
            kept.Add(await OpenTabAsync(chromium, pair, users, campaignId, i, ct));
        }

        var opened = keepOpen;
        long[] lastRound = [0, 0];
        var settled = false;
        while (opened + TabsPerRound <= maximumPerInstance && !settled)
        {
            var before = await pair.JitMethodsAsync(ct);
            for (var i = 0; i < 2 * TabsPerRound; i++)
            {
                var page = await OpenTabAsync(chromium, pair, users, campaignId, 2 * opened + i, ct);
                await page.Context.CloseAsync();
            }

            opened += TabsPerRound;
            var after = await pair.JitMethodsAsync(ct);
            lastRound = [after[0] - before[0], after[1] - before[1]];
            settled = lastRound.All(n => n < SettledBelow);
            progress.WriteLine($"[bench] warm-up: {opened} tabs per instance; the last {TabsPerRound} compiled {lastRound[0]} / {lastRound[1]} methods");
        }

        // No closed tab's circuit may be in the "before".
        await pair.WaitUntilOpenAsync(s => s.Circuits, keepOpen, "tabs' circuits", ClosedCircuitsBound, TimeSpan.FromMilliseconds(250), ct);
        return new TabWarmupResult(kept, keepOpen, opened, lastRound, settled);
    }

    /// <summary>
    /// The <paramref name="index"/>-th tab of a run: even ones on the first instance, odd ones on the second, each
    /// pair signed in as the next of <paramref name="users"/>.
    /// </summary>
    public static Task<IPage> OpenTabAsync(Chromium chromium, AppPair pair, IReadOnlyList<string> users, string campaignId, int index,
        CancellationToken ct) =>
        chromium.OpenCampaignAsync(pair.Apps[index % 2].BaseAddress, users[index / 2 % users.Count], campaignId).WaitAsync(ct);
}

/// <param name="Kept">The tabs left open (their circuits are in the "before"; the caller adds its own to the list).</param>
/// <param name="KeptPerInstance">How many of them per instance.</param>
/// <param name="TabsPerInstance">Tabs each instance served during the warm-up, kept and closed.</param>
/// <param name="LastRoundCompiled">Methods each instance compiled during the last round.</param>
internal sealed record TabWarmupResult(List<IPage> Kept, int KeptPerInstance, int TabsPerInstance, long[] LastRoundCompiled, bool Settled)
{
    public string Describe() => Settled
        ? $"- Warm-up: {TabsPerInstance} tabs per instance ({KeptPerInstance} left open, the rest closed), until a round of {TabWarmup.TabsPerRound} tabs per instance compiled fewer than {TabWarmup.SettledBelow} methods on each (the last: {LastRoundCompiled[0]} / {LastRoundCompiled[1]})."
        : $"- Warm-up: **the JIT did not settle** within {TabsPerInstance} tabs per instance (the last round of {TabWarmup.TabsPerRound} compiled {LastRoundCompiled[0]} / {LastRoundCompiled[1]} methods): the JIT-code column includes tiering, which is the process's and not the tabs'.";
}
