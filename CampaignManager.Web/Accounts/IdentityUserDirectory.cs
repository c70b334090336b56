using CampaignManager.Domain.Campaigns;
using CampaignManager.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CampaignManager.Web.Accounts;

/// <summary>The domain's view of accounts, over Identity's user store.</summary>
public sealed class IdentityUserDirectory(UserManager<ApplicationUser> users) : IUserDirectory
{
    public async Task<DirectoryUser?> FindByEmailAsync(string email, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        return user is null ? null : new DirectoryUser(user.Id, DisplayNameOf(user), user.Email ?? email);
    }

    public static string DisplayNameOf(ApplicationUser user) =>
        string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.UserName ?? user.Id : user.DisplayName;
}
