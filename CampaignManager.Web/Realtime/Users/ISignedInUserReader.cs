using System.Security.Claims;

namespace CampaignManager.Web.Realtime.Users;

/// <summary>Re-reads a signed-in user from the account store, for a tab whose user's roles changed.</summary>
public interface ISignedInUserReader
{
    /// <summary>
    /// The user as the store has them now, with the same sign-in session; null when the sign-in is
    /// no longer valid (account gone, or its security stamp changed).
    /// </summary>
    Task<ClaimsPrincipal?> ReadAsync(ClaimsPrincipal signedIn, CancellationToken ct);
}
