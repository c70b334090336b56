using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.E2E.Sessions;

/// <summary>What another user does, run through an app instance's own services (the same domain and account services the UI calls).</summary>
public static class HostAccounts
{
    public const string DemoCampaign = "The Vellmark Charter";

    public static async Task<Actor> ActorAsync(this AppHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No demo account {email}.");
        return new Actor(user.Id, IdentityUserDirectory.DisplayNameOf(user), await users.IsInRoleAsync(user, AccountsServiceCollectionExtensions.AdminRole));
    }

    public static async Task<Guid> DemoCampaignIdAsync(this AppHost host, CancellationToken ct)
    {
        var owner = await host.ActorAsync("gm@example.com");
        await using var scope = host.Services.CreateAsyncScope();
        var campaigns = await scope.ServiceProvider.GetRequiredService<CampaignService>().ListAsync(owner, ct);
        return campaigns.Single(c => c.Name == DemoCampaign).Id;
    }

    /// <summary>The demo campaign's owner (Mara) changes a member's role.</summary>
    public static async Task ChangeDemoRoleAsync(this AppHost host, string email, CampaignRole role, CancellationToken ct)
    {
        var (owner, member, campaignId) = (await host.ActorAsync("gm@example.com"), await host.ActorAsync(email), await host.DemoCampaignIdAsync(ct));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MemberService>().ChangeRoleAsync(owner, campaignId, member.UserId, role, ct);
    }

    /// <summary>The demo campaign's owner (Mara) removes a member.</summary>
    public static async Task RemoveDemoMemberAsync(this AppHost host, string email, CancellationToken ct)
    {
        var (owner, member, campaignId) = (await host.ActorAsync("gm@example.com"), await host.ActorAsync(email), await host.DemoCampaignIdAsync(ct));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MemberService>().RemoveAsync(owner, campaignId, member.UserId, ct);
    }

    /// <summary>The demo site admin gives or takes the Admin role.</summary>
    public static async Task SetAdminAsync(this AppHost host, string email, bool isAdmin, CancellationToken ct)
    {
        var (admin, user) = (await host.ActorAsync("admin@example.com"), await host.ActorAsync(email));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SiteRoleService>().SetAdminAsync(admin, user.UserId, isAdmin, ct);
    }
}
