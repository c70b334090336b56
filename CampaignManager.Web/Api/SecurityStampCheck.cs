using System.Security.Cryptography;
using System.Text;
using CampaignManager.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CampaignManager.Web.Api;

/// <summary>
/// Ties access tokens to the user's Identity security stamp: a token carries a hash of the stamp it
/// was issued under and is refused once the stamp changed (password change, "sign out everywhere",
/// deleted account). The lookup is cached for <see cref="JwtOptions.SecurityStampCacheSeconds"/>, so a
/// busy client costs one query per period, not one per request.
/// </summary>
public sealed class SecurityStampCheck(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<JwtOptions> options)
{
    /// <summary>The access token claim with the stamp's hash (never the stamp: Identity derives one-time codes from it).</summary>
    public const string ClaimType = "stamp";

    public async Task<bool> IsCurrentAsync(string userId, string? stampHash, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(stampHash))
        {
            return false;
        }

        var current = await CurrentHashAsync(userId, ct);
        return current is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(current), Encoding.ASCII.GetBytes(stampHash));
    }

    /// <summary>The hash of the user's stamp now (cached briefly), or null when the account is gone.</summary>
    public async Task<string?> CurrentHashAsync(string userId, CancellationToken ct)
    {
        var key = CacheKey(userId);
        if (cache.TryGetValue(key, out string? cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        ct.ThrowIfCancellationRequested();
        var user = await users.FindByIdAsync(userId);
        var hash = user is null ? null : Hash(user.SecurityStamp);
        var seconds = options.Value.SecurityStampCacheSeconds;
        if (seconds > 0)
        {
            cache.Set(key, hash, TimeSpan.FromSeconds(seconds));
        }

        return hash;
    }

    /// <summary>Drops the cached stamp, so a change made on this instance counts at once.</summary>
    public void Forget(string userId) => cache.Remove(CacheKey(userId));

    public static string Hash(string? value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value ?? "")));

    private static string CacheKey(string userId) => "api-security-stamp:" + userId;
}
