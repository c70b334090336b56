namespace CampaignManager.Domain.Common;

/// <summary>
/// The entity does not exist, or the caller may not know that it exists: an outsider and a player
/// asking for a GM-only entity get exactly this, so ids cannot be probed.
/// </summary>
public sealed class NotFoundException(string entityName)
    : DomainException($"{entityName} was not found.")
{
    public string EntityName { get; } = entityName;
}
