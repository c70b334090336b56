using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Persistence;

public static class CampaignDatabase
{
    /// <summary>Applies pending migrations; on SQLite also switches the file to WAL so readers never block the writer.</summary>
    public static async Task MigrateAsync(IDbContextFactory<CampaignDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite() && db.Database.GetDbConnection() is SqliteConnection { DataSource: not ("" or ":memory:") })
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await db.Database.MigrateAsync(ct);
    }
}
