namespace CampaignManager.Domain.Common;

/// <summary>
/// The caller edited an older revision than the stored one. Nothing was saved; the caller must
/// reload (or explicitly overwrite with the current revision).
/// </summary>
public sealed class ConcurrencyConflictException(string entityName)
    : DomainException($"{entityName} was changed by someone else in the meantime. Reload it and try again.")
{
    public string EntityName { get; } = entityName;
}
