using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Demo;
using CampaignManager.Domain.Persistence;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Web.Startup;

/// <summary>Migrates both schemas at start-up and, with <c>Seed:Demo</c>, fills an empty database with the demo.</summary>
public static class DatabaseInitializer
{
    /// <summary>The demo accounts' password (development only; README lists it).</summary>
    public const string DemoPassword = "Vellmark!2026";

    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));

        var campaigns = services.GetRequiredService<IDbContextFactory<CampaignDbContext>>();
        await CampaignDatabase.MigrateAsync(campaigns, ct);
        await services.GetRequiredService<ApplicationDbContext>().Database.MigrateAsync(ct);

        if (app.Configuration.GetValue("Seed:Demo", app.Environment.IsDevelopment()))
        {
            var userIds = await SeedDemoAccountsAsync(services, logger);
            if (await DemoCampaign.SeedAsync(campaigns, userIds, services.GetRequiredService<TimeProvider>(), ct))
            {
                logger.LogInformation("Created the demo campaign {CampaignName}", DemoCampaign.Name);
            }
        }

        await WarmUpAsync(services, ct);
    }

    // EF compiles each query shape on first use (hundreds of milliseconds): do it for the campaign
    // queries now, so the first user of a fresh instance does not wait for it.
    private static async Task WarmUpAsync(IServiceProvider services, CancellationToken ct)
    {
        var campaigns = services.GetRequiredService<CampaignService>();
        foreach (var campaign in (await campaigns.ListAsync(Actor.System, ct)).Take(1))
        {
            await campaigns.GetAsync(Actor.System, campaign.Id, ct);
        }
    }

    private static async Task<IReadOnlyDictionary<string, string>> SeedDemoAccountsAsync(IServiceProvider services, ILogger logger)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(AccountsServiceCollectionExtensions.AdminRole))
        {
            Ensure(await roles.CreateAsync(new IdentityRole(AccountsServiceCollectionExtensions.AdminRole)), "the Admin role");
        }

        var ids = new Dictionary<string, string>();
        foreach (var account in DemoAccount.All)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                user = new ApplicationUser
                {
                    UserName = account.Email,
                    Email = account.Email,
                    EmailConfirmed = true,
                    DisplayName = account.DisplayName,
                };
                Ensure(await users.CreateAsync(user, DemoPassword), account.Email);
                if (account.IsAdmin)
                {
                    Ensure(await users.AddToRoleAsync(user, AccountsServiceCollectionExtensions.AdminRole), account.Email);
                }

                logger.LogInformation("Created demo account {Email}", account.Email);
            }

            ids[account.Email] = user.Id;
        }

        return ids;
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
