namespace CampaignManager.Domain.Common;

/// <summary>The caller can see the entity but its role does not allow this command.</summary>
public sealed class ForbiddenException(string message) : DomainException(message);
