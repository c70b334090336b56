namespace CampaignManager.Domain.Campaigns;

/// <summary>The accounts the domain may add as members. The web project implements it over Identity.</summary>
public interface IUserDirectory
{
    Task<DirectoryUser?> FindByEmailAsync(string email, CancellationToken ct);
}

public sealed record DirectoryUser(string UserId, string DisplayName, string Email);
