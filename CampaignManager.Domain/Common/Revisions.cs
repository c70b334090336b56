namespace CampaignManager.Domain.Common;

internal static class Revisions
{
    /// <summary>A caller that edited an older revision gets a conflict instead of overwriting the newer one.</summary>
    public static void Check(IVersionedEntity entity, long? expectedRevision, string entityName)
    {
        if (expectedRevision is { } expected && expected != entity.Revision)
        {
            throw new ConcurrencyConflictException(entityName);
        }
    }
}
