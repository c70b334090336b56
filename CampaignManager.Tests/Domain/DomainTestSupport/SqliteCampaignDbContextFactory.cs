using CampaignManager.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Tests.Domain.DomainTestSupport;

/// <summary>Creates SQLite campaign contexts over the fixture's options (one shared open connection, or a shared-cache database).</summary>
public sealed class SqliteCampaignDbContextFactory(DbContextOptions<SqliteCampaignDbContext> options) : IDbContextFactory<CampaignDbContext>
{
    public CampaignDbContext CreateDbContext() => new SqliteCampaignDbContext(options);
}
