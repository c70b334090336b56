using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CampaignManager.Tests.Domain.Persistence;

/// <summary>
/// The app's campaign contexts come from EF's pool (a fresh context builds its internal services on first
/// use). A command turns change detection off for its last save and tracks a whole campaign, so a context
/// must come back from the pool as if new.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CampaignDbContextFactoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cm-pool-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenAContextIsDisposedAndAnotherCreated_ThenThePooledOneComesBackClean()
    {
        var factory = PooledFactory();

        CampaignDbContext first;
        await using (first = await factory.CreateDbContextAsync(Ct))
        {
            first.ChangeTracker.AutoDetectChangesEnabled = false;
            first.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            first.Add(new Campaign { Name = "Left behind", Calendar = VellmarkCalendar.Create() });
            Assert.Single(first.ChangeTracker.Entries());
        }

        await using var second = await factory.CreateDbContextAsync(Ct);

        Assert.Same(first, second);
        Assert.Empty(second.ChangeTracker.Entries());
        Assert.True(second.ChangeTracker.AutoDetectChangesEnabled);
        Assert.Equal(QueryTrackingBehavior.TrackAll, second.ChangeTracker.QueryTrackingBehavior);
    }

    // A command opens its context's connection itself (CampaignCommand); the pool must not hand it on open,
    // or every idle pooled context would hold a database connection.
    [Fact]
    public async Task WhenAContextWhoseConnectionWasOpenedIsReturned_ThenTheNextLeaseFindsItClosed()
    {
        var factory = PooledFactory();
        CampaignDbContext first;
        await using (first = await factory.CreateDbContextAsync(Ct))
        {
            await first.Database.OpenConnectionAsync(Ct);
        }

        await using var second = await factory.CreateDbContextAsync(Ct);
        Assert.Same(first, second);
        Assert.Equal(System.Data.ConnectionState.Closed, second.Database.GetDbConnection().State);
    }

    private IDbContextFactory<CampaignDbContext> PooledFactory() => new CampaignDbContextFactory(Options.Create(new DatabaseOptions
    {
        ConnectionString = $"Data Source={Path.Combine(_directory, "pool.db")}",
    }));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
