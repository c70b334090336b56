using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.WorldTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CampaignManager.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>The DbContext factory, the rules engine cache and the domain services.</summary>
    public static IHostApplicationBuilder AddCampaignDomain(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Configure(o =>
            {
                var configured = string.IsNullOrWhiteSpace(connectionString) ? null : connectionString;
                o.ConnectionString = o.Provider == DatabaseProvider.Sqlite
                    ? SqliteConnectionStrings.Resolve(configured ?? DatabaseOptions.DefaultSqliteConnectionString, builder.Environment.ContentRootPath)
                    : configured ?? throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:Database is empty. Set it to an Npgsql connection string.");
            })
            .ValidateOnStart();

        // Persistence
        builder.Services.TryAddSingleton<IDbContextFactory<CampaignDbContext>, CampaignDbContextFactory>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Rules engine (instance-wide cache) and the services every command uses
        builder.Services.TryAddSingleton<DerivedValuesService>();
        builder.Services.TryAddScoped<DomainServiceContext>();

        // Domain services
        builder.Services.TryAddScoped<CampaignService>();
        builder.Services.TryAddScoped<MemberService>();
        builder.Services.TryAddScoped<KingdomService>();
        builder.Services.TryAddScoped<SettlementService>();
        builder.Services.TryAddScoped<StructureService>();
        builder.Services.TryAddScoped<WorldTimeService>();
        builder.Services.TryAddScoped<EventLogService>();
        return builder;
    }
}
