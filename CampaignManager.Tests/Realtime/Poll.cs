using System.Diagnostics;

namespace CampaignManager.Tests.Realtime;

/// <summary>Polls a condition instead of sleeping a fixed time; fails after a bound, so no test hangs.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        await UntilAsync(() => Task.FromResult(condition()), timeout, what, ct);
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Still not true after {timeout.TotalSeconds} s: {what}.");
            }

            await Task.Delay(25, ct);
        }
    }
}
