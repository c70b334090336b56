using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Persistence;
using CampaignManager.Web.Components.Account;
using CampaignManager.Web.Data;
using CampaignManager.Web.Realtime.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CampaignManager.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public const string AdminRole = "Admin";

    /// <summary>
    /// ASP.NET Core Identity with cookies (as the .NET 10 template) and a session id per sign-in, a site
    /// Admin role, the domain's user ports, and the user channel that carries session changes to open tabs.
    /// </summary>
    public static IHostApplicationBuilder AddCampaignAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddSignInSessions();
        services.AddAuthorization();

        // Identity's DbContext: the same database as the campaigns, the provider's own subclass.
        services.AddScoped<ApplicationDbContext>(sp => CreateIdentityContext(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DisplayNameClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();
        services.AddScoped<IUserDirectory, IdentityUserDirectory>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<SiteRoleService>(); // takes a fresh scope per call, so it reads current data

        // Sign-out, password and role changes reach every open tab of the user (user channel)
        builder.AddUserSessions();
        return builder;
    }

    public static ApplicationDbContext CreateIdentityContext(DatabaseOptions options) => options.Provider == DatabaseProvider.Postgres
        ? new PostgresApplicationDbContext(new DbContextOptionsBuilder<PostgresApplicationDbContext>()
            .UseNpgsql(options.ConnectionString, o => o.MigrationsHistoryTable(ApplicationDbContext.MigrationsHistoryTable)).Options)
        : new SqliteApplicationDbContext(new DbContextOptionsBuilder<SqliteApplicationDbContext>()
            .UseSqlite(options.ConnectionString, o => o.MigrationsHistoryTable(ApplicationDbContext.MigrationsHistoryTable))
            .AddInterceptors(SqliteBusyTimeout.Instance).Options);
}
