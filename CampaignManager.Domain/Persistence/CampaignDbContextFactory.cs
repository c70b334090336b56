using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CampaignManager.Domain.Persistence;

/// <summary>
/// Creates the provider's <see cref="CampaignDbContext"/> subclass, so callers depend on the base
/// type only while each provider still finds its own migrations.
/// </summary>
public sealed class CampaignDbContextFactory : IDbContextFactory<CampaignDbContext>
{
    private readonly Func<CampaignDbContext> _create;

    public CampaignDbContextFactory(IOptions<DatabaseOptions> options)
    {
        var settings = options.Value;
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresCampaignDbContext>()
                .UseNpgsql(settings.ConnectionString)
                .Options;
            _create = () => new PostgresCampaignDbContext(postgres);
        }
        else
        {
            var sqlite = new DbContextOptionsBuilder<SqliteCampaignDbContext>()
                .UseSqlite(settings.ConnectionString)
                .AddInterceptors(SqliteBusyTimeout.Instance)
                .Options;
            _create = () => new SqliteCampaignDbContext(sqlite);
        }
    }

    public CampaignDbContext CreateDbContext() => _create();
}
