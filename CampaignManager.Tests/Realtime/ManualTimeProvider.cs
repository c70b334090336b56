namespace CampaignManager.Tests.Realtime;

/// <summary>A clock the test moves by hand (only <see cref="GetUtcNow"/>; timers stay real).</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
