namespace CampaignManager.Web.Api;

/// <summary>The answer of <c>POST /api/auth/token</c> and <c>POST /api/auth/refresh</c>; <see cref="ExpiresAt"/> is the access token's.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

/// <summary>The body of <c>POST /api/auth/token</c>.</summary>
public sealed record TokenRequest(string? Email, string? Password);

/// <summary>The body of <c>POST /api/auth/refresh</c> and <c>POST /api/auth/revoke</c>.</summary>
public sealed record RefreshTokenRequest(string? RefreshToken);
