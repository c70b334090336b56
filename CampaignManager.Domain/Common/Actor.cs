namespace CampaignManager.Domain.Common;

/// <summary>
/// Who asks: every command and query of a domain service takes one, and authorization is decided
/// from it inside the service, never only in the UI.
/// </summary>
/// <param name="UserId">The account's id (ASP.NET Core Identity user id).</param>
/// <param name="DisplayName">Shown to other users ("Tamsin renamed Mill to Watermill").</param>
/// <param name="IsAdmin">A site administrator may manage every campaign.</param>
/// <param name="Source">Through which door the command came (<c>web</c>, <c>api</c>, <c>hub</c>, <c>system</c>).</param>
/// <param name="CorrelationId">The request or circuit the command belongs to, for tracing across instances.</param>
public sealed record Actor(string UserId, string DisplayName, bool IsAdmin = false, string Source = "web", string? CorrelationId = null)
{
    /// <summary>The seeder and background relays act as this.</summary>
    public static Actor System { get; } = new("system", "System", IsAdmin: true, Source: "system");
}
