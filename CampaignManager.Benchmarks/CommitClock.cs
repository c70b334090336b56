using CampaignManager.Domain.Common;

namespace CampaignManager.Benchmarks;

/// <summary>
/// A change observer registered twice around the app's own: <see cref="Position.BeforeApp"/> stamps
/// the moment the commit is done (and registers the events), <see cref="Position.AfterApp"/> the moment
/// the app's publisher returned.
/// </summary>
internal sealed class CommitClock(EventRegistry registry, CommitClock.Position position) : ICampaignChangeObserver
{
    public enum Position
    {
        BeforeApp,
        AfterApp,
    }

    public Task OnCommittedAsync(CommittedChanges changes, CancellationToken ct)
    {
        if (position == Position.BeforeApp)
        {
            registry.Committed(changes.Events);
        }
        else
        {
            registry.Observed(changes.Events);
        }

        return Task.CompletedTask;
    }
}
