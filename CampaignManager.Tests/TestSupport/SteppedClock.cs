namespace CampaignManager.Tests.TestSupport;

/// <summary>
/// A monotonic clock (<see cref="TimeProvider.GetTimestamp"/>) that moves only when the test says so;
/// the wall clock and timers stay the system's.
/// </summary>
public sealed class SteppedClock : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
