using System.Security.Claims;
using CampaignManager.Web.Accounts;
using Microsoft.AspNetCore.Identity;

namespace CampaignManager.Tests.Web.Sessions;

/// <summary>Principals as a sign-in cookie carries them: user id, per-sign-in session id, roles.</summary>
public static class SessionUsers
{
    public static ClaimsPrincipal SignedIn(string userId, string? session, params string[] roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId), new(ClaimTypes.Name, userId) };
        if (session is not null)
        {
            claims.Add(new Claim(SignInSessions.ClaimType, session));
        }

        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme));
    }
}
