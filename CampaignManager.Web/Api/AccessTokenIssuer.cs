using System.Security.Claims;
using System.Text;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Data;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignManager.Web.Api;

/// <summary>Issues HS256 access tokens for API and hub clients.</summary>
public sealed class AccessTokenIssuer(IOptions<JwtOptions> options, TimeProvider time)
{
    public IssuedAccessToken Issue(ApplicationUser user, bool isAdmin)
    {
        var jwt = options.Value;
        var now = time.GetUtcNow();
        var expires = now.AddMinutes(jwt.AccessTokenMinutes);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(SecurityStampCheck.ClaimType, SecurityStampCheck.Hash(user.SecurityStamp)),
            new(DisplayNameClaimsPrincipalFactory.DisplayNameClaim,
                string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.UserName ?? user.Id : user.DisplayName),
        };
        if (isAdmin)
        {
            claims.Add(new Claim("role", AccountsServiceCollectionExtensions.AdminRole));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(jwt), SecurityAlgorithms.HmacSha256),
        };
        return new IssuedAccessToken(new JsonWebTokenHandler().CreateToken(descriptor), expires);
    }

    public static SymmetricSecurityKey SigningKey(JwtOptions jwt) =>
        new(Encoding.UTF8.GetBytes(jwt.SigningKey ?? throw new InvalidOperationException("Jwt:SigningKey is not set.")));
}

/// <summary>A signed access token and when it expires.</summary>
public sealed record IssuedAccessToken(string Token, DateTimeOffset ExpiresAt);
