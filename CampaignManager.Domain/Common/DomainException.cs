namespace CampaignManager.Domain.Common;

/// <summary>Base of the errors a domain service reports to its caller; the message is safe to show.</summary>
public abstract class DomainException(string message) : Exception(message);
