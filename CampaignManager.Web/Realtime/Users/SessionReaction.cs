using System.Security.Claims;
using CampaignManager.Web.Accounts;

namespace CampaignManager.Web.Realtime.Users;

/// <summary>What an open tab does about a message on its user's channel.</summary>
public enum SessionReaction
{
    /// <summary>Not about this tab.</summary>
    None,

    /// <summary>The tab's sign-in is over: leave for the sign-in page (the cookie is gone or no longer valid).</summary>
    EndSession,

    /// <summary>The tab's sign-in lives on with a refreshed cookie (the password was changed in this browser): reload in place.</summary>
    ReloadInPlace,

    /// <summary>Re-read the user's roles, so admin-only UI appears or disappears.</summary>
    RefreshAuthentication,
}

public static class SessionReactions
{
    /// <summary>
    /// Decides for a tab signed in as <paramref name="tabUser"/>. A tab whose cookie predates session ids
    /// counts as every session (ending it is the safe side).
    /// </summary>
    public static SessionReaction Decide(UserSessionMessage message, ClaimsPrincipal tabUser)
    {
        if (message.UserId != tabUser.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return SessionReaction.None;
        }

        var session = SignInSessions.Of(tabUser);
        var mine = message.SessionId is null || session is null || message.SessionId == session;
        return message.Change switch
        {
            UserSessionChange.SignedOut => mine ? SessionReaction.EndSession : SessionReaction.None,
            UserSessionChange.PasswordChanged => message.SessionId is not null && message.SessionId == session
                ? SessionReaction.ReloadInPlace
                : SessionReaction.EndSession,
            UserSessionChange.RolesChanged => SessionReaction.RefreshAuthentication,
            _ => SessionReaction.None,
        };
    }
}
