using System.Collections.Concurrent;
using CampaignManager.Domain.Common;

namespace CampaignManager.Tests.Domain.DomainTestSupport;

/// <summary>Records every commit the domain reports, in order.</summary>
public sealed class RecordingChangeObserver : ICampaignChangeObserver
{
    private readonly ConcurrentQueue<CommittedChanges> _committed = new();

    public IReadOnlyList<CommittedChanges> CommittedChanges => [.. _committed];

    public Task OnCommittedAsync(CommittedChanges changes, CancellationToken ct)
    {
        _committed.Enqueue(changes);
        return Task.CompletedTask;
    }
}
