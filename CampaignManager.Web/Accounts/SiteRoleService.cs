using CampaignManager.Domain.Common;
using CampaignManager.Web.Data;
using CampaignManager.Web.Realtime.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Web.Accounts;

/// <summary>An account as site admins see it.</summary>
public sealed record SiteUser(string UserId, string DisplayName, string Email, bool IsAdmin);

/// <summary>
/// Site roles (the Admin role): only a site admin lists accounts or changes who is admin, checked
/// against the database rather than the caller's possibly older claims. A change reaches the
/// user's open tabs at once through the user channel.
/// </summary>
public sealed class SiteRoleService(IServiceScopeFactory scopes, UserSessionEvents sessions)
{
    private const string Admin = AccountsServiceCollectionExtensions.AdminRole;

    public async Task<IReadOnlyList<SiteUser>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await RequireAdminAsync(users, actor);
        var admins = (await users.GetUsersInRoleAsync(Admin)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var all = await users.Users.AsNoTracking().ToListAsync(ct);
        return [.. all
            .Select(u => new SiteUser(u.Id, IdentityUserDirectory.DisplayNameOf(u), u.Email ?? "", admins.Contains(u.Id)))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    public async Task SetAdminAsync(Actor actor, string userId, bool isAdmin, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await RequireAdminAsync(users, actor);
        if (!isAdmin && userId == actor.UserId)
        {
            // Someone must be left to manage the site; another admin can take the role away.
            throw new DomainValidationException("role", "You cannot take away your own Admin role.");
        }

        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("Account");
        if (await users.IsInRoleAsync(user, Admin) == isAdmin)
        {
            return;
        }

        var result = isAdmin ? await users.AddToRoleAsync(user, Admin) : await users.RemoveFromRoleAsync(user, Admin);
        if (!result.Succeeded)
        {
            throw new DomainValidationException("role", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await sessions.PublishAsync(UserSessionMessage.RolesChanged(userId), ct);
    }

    private static async Task RequireAdminAsync(UserManager<ApplicationUser> users, Actor actor)
    {
        if (await users.FindByIdAsync(actor.UserId) is not { } me || !await users.IsInRoleAsync(me, Admin))
        {
            throw new ForbiddenException("Only site admins manage accounts.");
        }
    }
}
