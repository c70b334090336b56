using System.Security.Claims;
using CampaignManager.Web.Accounts;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CampaignManager.Web.Api;

/// <summary>
/// The principal a validated access token leaves on the request. The JWT handler's own holds the parsed token (its
/// identity keeps the <c>SecurityToken</c>, with the encoded string and the token's own claim list) and every claim
/// twice, and a hub connection keeps its request's user for as long as it is open: with this one instead an idle
/// connection held 28.3 KB of objects instead of 35.0 (memory benchmark, 2026-11-27). It holds only what the app
/// reads: the user id, the display name, the admin role and <c>exp</c> (the hub closes the connection when the
/// token expires).
/// </summary>
public static class ApiPrincipal
{
    public static ClaimsPrincipal Compact(ClaimsPrincipal validated)
    {
        var identity = validated.Identity as ClaimsIdentity;
        var claims = new List<Claim>(4);
        Keep(ClaimTypes.NameIdentifier);
        Keep(DisplayNameClaimsPrincipalFactory.DisplayNameClaim);
        Keep(JwtRegisteredClaimNames.Exp);
        if (validated.IsInRole(AccountsServiceCollectionExtensions.AdminRole))
        {
            claims.Add(new Claim(identity?.RoleClaimType ?? ClaimTypes.Role, AccountsServiceCollectionExtensions.AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, identity?.AuthenticationType,
            identity?.NameClaimType ?? DisplayNameClaimsPrincipalFactory.DisplayNameClaim, identity?.RoleClaimType ?? ClaimTypes.Role));

        void Keep(string type)
        {
            if (validated.FindFirst(type) is { } claim)
            {
                claims.Add(new Claim(type, claim.Value, claim.ValueType, claim.Issuer));
            }
        }
    }
}
