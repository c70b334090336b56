using System.Security.Cryptography;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CampaignManager.Web.Api;

/// <summary>
/// Issues, rotates and revokes refresh tokens (stored as SHA-256 hashes in Identity's database).
/// A refresh token works once: refreshing marks it used and hands out its successor in the same
/// family. A used token presented again was copied (or the client lost an answer); either way the
/// family is revoked, so whoever holds the newer token has to sign in again too (theft detection).
/// </summary>
public sealed class RefreshTokenService(
    ApplicationDbContext db,
    UserManager<ApplicationUser> users,
    AccessTokenIssuer issuer,
    SecurityStampCheck stamps,
    IOptions<JwtOptions> options,
    TimeProvider time,
    ILogger<RefreshTokenService> logger)
{
    /// <summary>A new sign-in: an access token and the first refresh token of a new family.</summary>
    public async Task<TokenResponse> SignInAsync(ApplicationUser user, CancellationToken ct) =>
        await IssueAsync(user, Guid.CreateVersion7(), ct);

    /// <summary>Exchanges a refresh token for new tokens; null when it is unknown, expired, used or revoked.</summary>
    public async Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var row = await FindAsync(refreshToken, ct);
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        if (row.UsedAt is not null)
        {
            await RevokeFamilyAsync(row, "reused", ct);
            logger.LogWarning("A used refresh token of user {UserId} was presented again; its family {FamilyId} is revoked", row.UserId, row.FamilyId);
            return null;
        }

        var user = await users.FindByIdAsync(row.UserId);
        if (user is null || SecurityStampCheck.Hash(user.SecurityStamp) != row.SecurityStampHash)
        {
            // Password changed or signed out everywhere since this sign-in.
            await RevokeFamilyAsync(row, "security stamp changed", ct);
            return null;
        }

        // Claim the token: of two concurrent refreshes with it, only one changes the row.
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == row.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, time.GetUtcNow()), ct);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(row, "reused", ct);
            return null;
        }

        return await IssueAsync(user, row.FamilyId, ct);
    }

    /// <summary>Ends the sign-in the token belongs to (its whole family). Unknown tokens are ignored.</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken ct)
    {
        if (await FindAsync(refreshToken, ct) is { } row)
        {
            await RevokeFamilyAsync(row, "revoked by the client", ct);
        }
    }

    internal static string Hash(string token) => SecurityStampCheck.Hash(token);

    private async Task<TokenResponse> IssueAsync(ApplicationUser user, Guid familyId, CancellationToken ct)
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = Hash(token),
            SecurityStampHash = SecurityStampCheck.Hash(user.SecurityStamp),
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.RefreshTokenDays),
        });
        await db.SaveChangesAsync(ct);
        stamps.Forget(user.Id);
        var isAdmin = await users.IsInRoleAsync(user, AccountsServiceCollectionExtensions.AdminRole);
        var access = issuer.Issue(user, isAdmin);
        return new TokenResponse(access.Token, token, access.ExpiresAt);
    }

    private async Task<RefreshToken?> FindAsync(string refreshToken, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(refreshToken) || refreshToken.Length > 200)
        {
            return null;
        }

        var hash = Hash(refreshToken);
        return await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
    }

    private Task RevokeFamilyAsync(RefreshToken row, string reason, CancellationToken ct) =>
        db.RefreshTokens
            .Where(t => t.FamilyId == row.FamilyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, time.GetUtcNow()).SetProperty(t => t.RevokedReason, reason), ct);
}
