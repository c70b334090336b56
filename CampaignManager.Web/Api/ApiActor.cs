using System.Security.Claims;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Web.Accounts;

namespace CampaignManager.Web.Api;

/// <summary>The bearer of an access token as a domain <see cref="Actor"/>.</summary>
public static class ApiActor
{
    /// <summary>The actor of a token (the JWT handler maps <c>sub</c> and <c>role</c> to the usual claim types), or null.</summary>
    public static Actor? From(ClaimsPrincipal user, string source, string? correlationId) =>
        CurrentActor.FromPrincipal(user) is { } actor ? actor with { Source = source, CorrelationId = correlationId } : null;

    public static Actor Require(HttpContext http) =>
        From(http.User, EventSources.Api, http.TraceIdentifier) ?? throw new ForbiddenException("A signed-in user is required.");
}
