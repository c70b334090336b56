namespace CampaignManager.Domain.WorldTime;

/// <summary>The result of moving the world clock; <see cref="KingdomTurnsDue"/> lists the boundaries that fired.</summary>
public sealed record WorldTimeChange(long PreviousWorldTime, long NewWorldTime, IReadOnlyList<long> KingdomTurnsDue)
{
    public long ElapsedSeconds => NewWorldTime - PreviousWorldTime;

    public bool Changed => ElapsedSeconds != 0;
}
