namespace CampaignManager.Web.Api;

/// <summary>The <c>Jwt</c> configuration section: how API and hub access tokens are issued and checked.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>Used in Development only, when no <see cref="SigningKey"/> is configured. Never valid elsewhere.</summary>
    internal const string DevelopmentSigningKey = "campaign-manager-development-only-signing-key-0123456789";

    /// <summary>The HMAC-SHA256 key, at least 32 bytes of UTF-8.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "CampaignManager";

    public string Audience { get; set; } = "CampaignManager.Api";

    /// <summary>Access token lifetime; fractions are allowed (tests use a few seconds).</summary>
    public double AccessTokenMinutes { get; set; } = 15;

    /// <summary>How long an unused refresh token stays valid; each refresh starts the period again.</summary>
    public double RefreshTokenDays { get; set; } = 14;

    /// <summary>
    /// How long a user's security stamp is cached when checking access tokens: a password change or
    /// "sign out everywhere" reaches the API within this time on every instance.
    /// </summary>
    public double SecurityStampCacheSeconds { get; set; } = 10;

    /// <summary>Token requests per minute and client IP address.</summary>
    public int TokenRequestsPerMinute { get; set; } = 10;
}
