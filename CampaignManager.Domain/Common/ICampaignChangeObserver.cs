namespace CampaignManager.Domain.Common;

/// <summary>
/// Told about every committed command, after the commit and never for a rolled-back one. The
/// domain defines this port; the web project implements it (real-time delivery).
/// </summary>
public interface ICampaignChangeObserver
{
    Task OnCommittedAsync(CommittedChanges changes, CancellationToken ct);
}
