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

    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>Token requests per minute and client IP address.</summary>
    public int TokenRequestsPerMinute { get; set; } = 10;
}
