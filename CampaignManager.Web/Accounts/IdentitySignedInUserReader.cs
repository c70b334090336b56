using System.Security.Claims;
using CampaignManager.Web.Data;
using CampaignManager.Web.Realtime.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CampaignManager.Web.Accounts;

/// <summary>Builds the principal the way sign-in does (same claims factory), from a fresh scope so it reads current data.</summary>
public sealed class IdentitySignedInUserReader(IServiceScopeFactory scopes, IOptions<IdentityOptions> options) : ISignedInUserReader
{
    public async Task<ClaimsPrincipal?> ReadAsync(ClaimsPrincipal signedIn, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(signedIn);
        if (user is null)
        {
            return null;
        }

        if (users.SupportsUserSecurityStamp &&
            signedIn.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
        {
            return null;
        }

        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        SignInSessions.CopySession(signedIn, principal);
        return principal;
    }
}
