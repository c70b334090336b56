using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime.Users;

namespace CampaignManager.Tests.Web.Sessions;

/// <summary>What an open tab does about each message on its user's channel.</summary>
[Trait(TestCategories.Trait, TestCategories.Unit)]
public class SessionReactionsTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal Tab = SessionUsers.SignedIn("tamsin", "browser-a");

    [Theory]
    [InlineData(UserSessionChange.SignedOut, "browser-a", SessionReaction.EndSession)] // signed out in this browser
    [InlineData(UserSessionChange.SignedOut, "browser-b", SessionReaction.None)] // another browser signed out
    [InlineData(UserSessionChange.SignedOut, null, SessionReaction.EndSession)] // signed out everywhere
    [InlineData(UserSessionChange.PasswordChanged, "browser-a", SessionReaction.ReloadInPlace)] // changed here: refreshed cookie
    [InlineData(UserSessionChange.PasswordChanged, "browser-b", SessionReaction.EndSession)] // changed in another browser
    [InlineData(UserSessionChange.PasswordChanged, null, SessionReaction.EndSession)] // reset while signed out
    [InlineData(UserSessionChange.RolesChanged, null, SessionReaction.RefreshAuthentication)]
    public void ATabOfTheUser_ReactsByWhichSignInTheMessageNames(UserSessionChange change, string? session, SessionReaction expected)
    {
        Assert.Equal(expected, SessionReactions.Decide(new UserSessionMessage(change, "tamsin", session), Tab));
    }

    [Theory]
    [InlineData(UserSessionChange.SignedOut)]
    [InlineData(UserSessionChange.PasswordChanged)]
    [InlineData(UserSessionChange.RolesChanged)]
    public void AMessageForAnotherUser_ChangesNothing(UserSessionChange change)
    {
        Assert.Equal(SessionReaction.None, SessionReactions.Decide(new UserSessionMessage(change, "oskar", null), Tab));
    }

    [Fact]
    public void ATabWhoseCookiePredatesSessionIds_EndsOnAnySignOutOfItsUser()
    {
        var legacy = SessionUsers.SignedIn("tamsin", session: null);

        Assert.Equal(SessionReaction.EndSession, SessionReactions.Decide(UserSessionMessage.SignedOut("tamsin", "browser-b"), legacy));
        Assert.Equal(SessionReaction.EndSession, SessionReactions.Decide(UserSessionMessage.PasswordChanged("tamsin", "browser-b"), legacy));
    }

    [Fact]
    public void TheWireFormat_RoundTrips_AndRejectsAMessageWithoutUser()
    {
        var message = UserSessionMessage.PasswordChanged("tamsin", "browser-a");

        Assert.Equal(message, UserSessionMessage.FromWire(message.ToWire()));
        Assert.Contains("\"change\":\"passwordChanged\"", message.ToWire(), StringComparison.Ordinal);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => UserSessionMessage.FromWire("""{"change":"signedOut","userId":""}"""));
    }
}
