using CampaignManager.Domain.Demo;
using CampaignManager.Domain.Persistence;
using CampaignManager.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Benchmarks;

/// <summary>
/// The write the circuit and commit benchmarks make: a settlement of the seeded demo campaign renamed
/// back and forth, so every commit changes something and the campaign stays as seeded in size.
/// </summary>
internal sealed record DemoRenameTarget(Guid CampaignId, Guid SettlementId)
{
    public const string SettlementName = "Tallowford";

    /// <summary>The names the settlement alternates between; commit n gets <c>Names[n % 2]</c>.</summary>
    public static readonly string[] Names = ["Tallowford Crossing", SettlementName];

    public static async Task<DemoRenameTarget> LocateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CampaignDbContext>>().CreateDbContextAsync(ct);
        var campaignId = await db.Campaigns.AsNoTracking().Where(c => c.Name == DemoCampaign.Name).Select(c => c.Id).SingleAsync(ct);
        var settlementId = await db.Settlements.AsNoTracking()
            .Where(s => s.Name == SettlementName && db.Kingdoms.Any(k => k.Id == s.KingdomId && k.CampaignId == campaignId))
            .Select(s => s.Id).SingleAsync(ct);
        return new DemoRenameTarget(campaignId, settlementId);
    }

    /// <summary>Id and display name of seeded demo users, by e-mail.</summary>
    public static async Task<Dictionary<string, (string Id, string DisplayName)>> UsersAsync(IServiceProvider services, IEnumerable<string> emails)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var found = new Dictionary<string, (string Id, string DisplayName)>();
        foreach (var email in emails)
        {
            var user = await users.FindByEmailAsync(email) ?? throw new BenchmarkSetupException($"The demo user {email} was not seeded.");
            found[email] = (user.Id, user.DisplayName ?? email);
        }

        return found;
    }
}
