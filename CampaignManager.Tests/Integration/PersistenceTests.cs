using CampaignManager.Domain.Common;
using CampaignManager.Domain.Demo;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Structures;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Integration;

[Trait(TestCategories.Trait, TestCategories.Integration)]
public class PersistenceTests
{
    [Fact]
    public async Task WhenTheAppRestartsOnTheSameDatabaseFile_ThenEditsAreStillThereAndTheDemoIsNotSeededTwice()
    {
        var directory = Directory.CreateTempSubdirectory("cm-restart-");
        var databasePath = Path.Combine(directory.FullName, "campaigns.db");
        try
        {
            Guid millId;
            using (var first = AppHost.StartNew(databasePath: databasePath))
            {
                await using var scope = first.Services.CreateAsyncScope();
                var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<CampaignDbContext>>();
                await using var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
                var mill = await db.Structures.SingleAsync(s => s.Name == "Mill", TestContext.Current.CancellationToken);
                millId = mill.Id;
                var owner = await db.CampaignMembers.SingleAsync(m => m.Email == "gm@example.com", TestContext.Current.CancellationToken);
                await scope.ServiceProvider.GetRequiredService<StructureService>().UpdateAsync(
                    new Actor(owner.UserId, "Mara"), millId, new StructureUpdate(Name: "Watermill"), ct: TestContext.Current.CancellationToken);
            }

            using var second = AppHost.StartNew(databasePath: databasePath);
            await using var secondScope = second.Services.CreateAsyncScope();
            var secondFactory = secondScope.ServiceProvider.GetRequiredService<IDbContextFactory<CampaignDbContext>>();
            await using var reread = await secondFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
            Assert.Equal("Watermill", (await reread.Structures.SingleAsync(s => s.Id == millId, TestContext.Current.CancellationToken)).Name);
            Assert.Equal(1, await reread.Campaigns.CountAsync(c => c.Name == DemoCampaign.Name, TestContext.Current.CancellationToken));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    public static TheoryData<string> Contexts => ["sqlite-campaigns", "postgres-campaigns", "sqlite-identity", "postgres-identity"];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void WhenTheModelIsComparedWithTheMigrations_ThenNoMigrationIsMissing(string context)
    {
        // Both providers ship real migrations; a model change without a migration for each fails here.
        using DbContext db = context switch
        {
            "sqlite-campaigns" => new SqliteCampaignDbContext(new DbContextOptionsBuilder<SqliteCampaignDbContext>().UseSqlite("Data Source=:memory:").Options),
            "postgres-campaigns" => new PostgresCampaignDbContext(new DbContextOptionsBuilder<PostgresCampaignDbContext>().UseNpgsql("Host=127.0.0.1;Database=none").Options),
            "sqlite-identity" => new SqliteApplicationDbContext(new DbContextOptionsBuilder<SqliteApplicationDbContext>().UseSqlite("Data Source=:memory:").Options),
            _ => new PostgresApplicationDbContext(new DbContextOptionsBuilder<PostgresApplicationDbContext>().UseNpgsql("Host=127.0.0.1;Database=none").Options),
        };

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{context}: the model has changes without a migration.");
    }
}
