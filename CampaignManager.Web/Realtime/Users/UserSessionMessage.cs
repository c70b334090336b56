using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignManager.Web.Realtime.Users;

/// <summary>What happened to a user's sign-ins.</summary>
public enum UserSessionChange
{
    /// <summary>One sign-in (<see cref="UserSessionMessage.SessionId"/>) ended, or every sign-in when it is null.</summary>
    SignedOut,

    /// <summary>The password changed: every sign-in ends except <see cref="UserSessionMessage.SessionId"/> (the one that changed it), if any.</summary>
    PasswordChanged,

    /// <summary>The user's site roles changed (Admin added or removed): open tabs re-read them.</summary>
    RolesChanged,
}

/// <summary>
/// One message on a user's channel (<c>{prefix}:user:{userId}</c>). It names sign-ins by the
/// per-sign-in session id (<see cref="Accounts.SignInSessions"/>), never by cookie or token, so it
/// carries no secret.
/// </summary>
public sealed record UserSessionMessage(UserSessionChange Change, string UserId, string? SessionId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Every sign-in of the user ends ("sign out everywhere").</summary>
    public static UserSessionMessage SignedOutEverywhere(string userId) => new(UserSessionChange.SignedOut, userId, null);

    public static UserSessionMessage SignedOut(string userId, string? sessionId) => new(UserSessionChange.SignedOut, userId, sessionId);

    public static UserSessionMessage PasswordChanged(string userId, string? keptSessionId) => new(UserSessionChange.PasswordChanged, userId, keptSessionId);

    public static UserSessionMessage RolesChanged(string userId) => new(UserSessionChange.RolesChanged, userId, null);

    public string ToWire() => JsonSerializer.Serialize(this, Json);

    public static UserSessionMessage FromWire(string json) =>
        JsonSerializer.Deserialize<UserSessionMessage>(json, Json) is { UserId.Length: > 0 } message
            ? message
            : throw new JsonException("A user session message needs a user id.");
}
