using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CampaignManager.Web.Data;

// Used only by `dotnet ef migrations add`; no database is opened.

internal sealed class SqliteApplicationDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteApplicationDbContext>
{
    public SqliteApplicationDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteApplicationDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(ApplicationDbContext.MigrationsHistoryTable))
            .Options);
}

internal sealed class PostgresApplicationDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresApplicationDbContext>
{
    public PostgresApplicationDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresApplicationDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(ApplicationDbContext.MigrationsHistoryTable))
            .Options);
}
