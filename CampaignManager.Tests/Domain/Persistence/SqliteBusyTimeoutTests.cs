using CampaignManager.Domain.Persistence;
using CampaignManager.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CampaignManager.Tests.Domain.Persistence;

/// <summary>
/// Every SQLite connection the app opens lets SQLite wait for another writer's lock itself, for the
/// connection's whole timeout, instead of the driver's 150 ms retry sleep (see <see cref="SqliteBusyTimeout"/>).
/// </summary>
[Trait("Category", "Unit")]
public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cm-busy-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenTheCampaignContextOpensItsConnection_ThenSqliteWaitsForLocksForTheConnectionsTimeout()
    {
        IDbContextFactory<CampaignDbContext> factory = new CampaignDbContextFactory(Microsoft.Extensions.Options.Options.Create(Options()));
        await using var db = await factory.CreateDbContextAsync(Ct);

        Assert.Equal(30_000, await BusyTimeoutAsync(db));
    }

    [Fact]
    public async Task WhenTheIdentityContextOpensItsConnection_ThenSqliteWaitsForLocksToo()
    {
        await using var db = AccountsServiceCollectionExtensions.CreateIdentityContext(Options());

        Assert.Equal(30_000, await BusyTimeoutAsync(db));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private DatabaseOptions Options() => new()
    {
        ConnectionString = SqliteConnectionStrings.Resolve("Data Source=busy.db;Pooling=False", _directory),
    };

    private static async Task<long> BusyTimeoutAsync(DbContext db)
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
