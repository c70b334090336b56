using System.Security.Claims;
using CampaignManager.Domain.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace CampaignManager.Web.Accounts;

/// <summary>The signed-in user of this circuit as a domain <see cref="Actor"/>.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return FromPrincipal(state.User);
    }

    public async Task<Actor> RequireAsync() =>
        await GetAsync() ?? throw new InvalidOperationException("This page needs a signed-in user.");

    public static Actor? FromPrincipal(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(id))
        {
            return null;
        }

        var name = user.FindFirstValue(DisplayNameClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity.Name ?? id;
        return new Actor(id, name, user.IsInRole(AccountsServiceCollectionExtensions.AdminRole));
    }
}
