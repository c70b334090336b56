namespace CampaignManager.Web.Data;

/// <summary>
/// One refresh token of an API client. Only the SHA-256 hash of the token is stored, so a copy of
/// the database opens no session. Tokens rotate: each refresh marks the token used and issues the
/// next one in the same <see cref="FamilyId"/>; presenting a used token again means it was copied,
/// and the whole family is revoked.
/// </summary>
public sealed class RefreshToken
{
    public const int HashLength = 64;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string UserId { get; init; }

    /// <summary>The sign-in this token descends from; all its rotations share it.</summary>
    public Guid FamilyId { get; init; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string TokenHash { get; init; }

    /// <summary>A hash of the user's security stamp when the family began: a password change or "sign out everywhere" ends the family.</summary>
    public required string SecurityStampHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the token was exchanged for its successor.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }
}
