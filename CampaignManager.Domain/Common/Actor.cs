namespace CampaignManager.Domain.Common;

/// <summary>
/// Who asks: every command and query of a domain service takes one, and authorization is decided
/// from it inside the service, never only in the UI.
/// </summary>
/// <param name="UserId">The account's id (ASP.NET Core Identity user id).</param>
/// <param name="DisplayName">Shown to other users ("Tamsin renamed Mill to Watermill").</param>
/// <param name="IsAdmin">A site administrator may manage every campaign.</param>
public sealed record Actor(string UserId, string DisplayName, bool IsAdmin = false)
{
    /// <summary>The rules engine, the seeder and background relays act as this.</summary>
    public static Actor System { get; } = new("system", "System", IsAdmin: true);
}
