using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CampaignManager.Domain.Persistence;

// Used only by `dotnet ef migrations add`; no database is opened.

internal sealed class SqliteCampaignDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteCampaignDbContext>
{
    public SqliteCampaignDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCampaignDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresCampaignDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresCampaignDbContext>
{
    public PostgresCampaignDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCampaignDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
