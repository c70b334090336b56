namespace CampaignManager.Domain.Common;

/// <summary>
/// A mutable row with a concurrency token. <see cref="Revision"/> grows by one on every save that
/// modifies the row (the DbContext does it), and EF checks it in the UPDATE's WHERE clause.
/// </summary>
public interface IVersionedEntity
{
    long Revision { get; set; }
}
