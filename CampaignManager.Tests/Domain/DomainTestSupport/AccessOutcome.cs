namespace CampaignManager.Tests.Domain.DomainTestSupport;

/// <summary>What an authorization check should end in.</summary>
public enum AccessOutcome
{
    Allowed,
    Forbidden,
    NotFound,
}
