using System.Security.Claims;
using CampaignManager.Domain.Common;
using CampaignManager.Web.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace CampaignManager.Tests.Realtime.Sessions;

/// <summary>
/// The circuit's authentication state: a demo actor signed in with the claims the cookie carries
/// (user id, display name, and the Admin role for site admins). Anonymous until <see cref="SignIn"/>.
/// </summary>
public sealed class SignedInUser : AuthenticationStateProvider
{
    private ClaimsPrincipal _user = new(new ClaimsIdentity());

    public void SignIn(Actor actor)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, actor.UserId),
            new(ClaimTypes.Name, actor.DisplayName),
            new(DisplayNameClaimsPrincipalFactory.DisplayNameClaim, actor.DisplayName),
        };
        if (actor.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AccountsServiceCollectionExtensions.AdminRole));
        }

        _user = new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType: "Test"));
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_user));
}
