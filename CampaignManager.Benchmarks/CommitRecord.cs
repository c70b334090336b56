namespace CampaignManager.Benchmarks;

/// <summary>
/// One command the driver committed. Timestamps are <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>
/// ticks, comparable across both instances: CLOCK_MONOTONIC on Linux, the same in every process of the machine.
/// </summary>
internal sealed class CommitRecord(int index, string phase, long committedAt)
{
    public int Index { get; } = index;

    public string Phase { get; } = phase;

    /// <summary>Right after the database commit: the first change observer, before the app's publisher.</summary>
    public long CommittedAt { get; } = committedAt;

    /// <summary>After every observer, the app's publisher (PUBLISH to Redis, then marking the rows published) included.</summary>
    public long ObservedAt { get; set; }

    public int Rows { get; set; }

    /// <summary>How long the driver's <c>SettlementService.UpdateAsync</c> call took, in Stopwatch ticks.</summary>
    public long CallTicks { get; set; }
}
