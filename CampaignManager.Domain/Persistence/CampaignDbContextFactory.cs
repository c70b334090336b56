using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace CampaignManager.Domain.Persistence;

/// <summary>
/// Creates the provider's <see cref="CampaignDbContext"/> subclass, so callers depend on the base
/// type only while each provider still finds its own migrations. Contexts come from EF's pool: a
/// new context builds its internal service scope on first use (measured: about a tenth of what a
/// settlement rename allocated), and a pooled one keeps it; EF resets a context's tracked entities
/// and change-tracker settings when it goes back.
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
            _create = new PooledDbContextFactory<PostgresCampaignDbContext>(postgres).CreateDbContext;
        }
        else
        {
            var sqlite = new DbContextOptionsBuilder<SqliteCampaignDbContext>()
                .UseSqlite(settings.ConnectionString)
                .AddInterceptors(SqliteBusyTimeout.Instance)
                .Options;
            _create = new PooledDbContextFactory<SqliteCampaignDbContext>(sqlite).CreateDbContext;
        }
    }

    public CampaignDbContext CreateDbContext() => _create();
}
