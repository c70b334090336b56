namespace CampaignManager.Web.Hubs;

/// <summary>
/// Client methods the hub calls besides the events (which are named by their <c>type</c>): notices
/// about the connection itself. Wire names, like <see cref="Domain.Events.CampaignEventNames"/>.
/// </summary>
public static class HubClientMethods
{
    /// <summary><see cref="SubscriptionEnded"/>: the server ended a campaign's rooms for this connection.</summary>
    public const string SubscriptionEnded = "subscription_ended";

    /// <summary><see cref="ConnectionClosing"/>: the server is about to close the connection.</summary>
    public const string ConnectionClosing = "connection_closing";
}

/// <summary>Why the server ended subscriptions or a connection.</summary>
public static class HubCloseReasons
{
    /// <summary>The user is no longer a member of the campaign.</summary>
    public const string RemovedFromCampaign = "removed_from_campaign";

    /// <summary>The user's role moved between game master and player: the other stream (with its own sequence) applies now.</summary>
    public const string RoleChanged = "role_changed";

    /// <summary>The access token expired: connect again with a fresh one.</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>The access check after a membership change failed: the rooms end rather than risk the wrong stream.</summary>
    public const string AccessCheckFailed = "access_check_failed";

    /// <summary>The user signed out everywhere, changed the password or lost the account.</summary>
    public const string SignedOut = "signed_out";

    /// <summary>The user's password changed: tokens issued before it no longer work.</summary>
    public const string PasswordChanged = "password_changed";
}

/// <summary>The argument of <c>subscription_ended</c>.</summary>
public sealed record SubscriptionEnded(Guid CampaignId, IReadOnlyList<string> Rooms, string Reason, string Message);

/// <summary>The argument of <c>connection_closing</c>.</summary>
public sealed record ConnectionClosing(string Reason, string Message);
