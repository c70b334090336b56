namespace CampaignManager.Domain.Common;

/// <summary>What an update command did: nothing (a no-op), or these fields at this new revision.</summary>
public sealed record UpdateResult(IReadOnlyList<string> ChangedFields, long Revision)
{
    public bool Changed => ChangedFields.Count > 0;
}
