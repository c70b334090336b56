using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CampaignManager.Tests.Domain.Persistence;

/// <summary>
/// Value objects stored as JSON columns: the change tracker compares them by their JSON, so a change
/// made in place is saved and an untouched value never becomes an UPDATE (nor bumps a revision).
/// </summary>
[Trait("Category", "Unit")]
public sealed class JsonColumnTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cm-json-").FullName;
    private readonly IDbContextFactory<CampaignDbContext> _factory;

    public JsonColumnTests() => _factory = new CampaignDbContextFactory(Options.Create(new DatabaseOptions
    {
        ConnectionString = $"Data Source={Path.Combine(_directory, "json.db")}",
    }));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenADictionaryColumnIsChangedInPlace_ThenOnlyThatEntityIsSavedAndTheChangeIsStored()
    {
        var (kingdomId, otherId) = await SeedAsync();
        var revisions = await RevisionsAsync();

        await using (var db = await _factory.CreateDbContextAsync(Ct))
        {
            var kingdoms = await db.Kingdoms.ToListAsync(Ct);
            kingdoms.Single(k => k.Id == kingdomId).Leadership[LeadershipSeat.Ruler] = "Oskar";
            db.ChangeTracker.DetectChanges();

            Assert.Equal(EntityState.Modified, db.Entry(kingdoms.Single(k => k.Id == kingdomId)).State);
            Assert.Equal(EntityState.Unchanged, db.Entry(kingdoms.Single(k => k.Id == otherId)).State);
            await db.SaveChangesAsync(Ct);
        }

        await using var reread = await _factory.CreateDbContextAsync(Ct);
        var stored = await reread.Kingdoms.AsNoTracking().ToListAsync(Ct);
        Assert.Equal("Oskar", stored.Single(k => k.Id == kingdomId).Leadership[LeadershipSeat.Ruler]);
        Assert.Equal(revisions[otherId], stored.Single(k => k.Id == otherId).Revision);
        Assert.True(stored.Single(k => k.Id == kingdomId).Revision > revisions[kingdomId]);
    }

    [Fact]
    public async Task WhenAColumnIsReplacedByAnEqualValue_ThenNothingIsSaved()
    {
        var (kingdomId, _) = await SeedAsync();

        await using var db = await _factory.CreateDbContextAsync(Ct);
        var kingdom = await db.Kingdoms.SingleAsync(k => k.Id == kingdomId, Ct);
        kingdom.Commodities = new Dictionary<Commodity, int>(kingdom.Commodities);
        kingdom.Leadership = new Dictionary<LeadershipSeat, string>(kingdom.Leadership);

        Assert.Equal(0, await db.SaveChangesAsync(Ct));
        Assert.Equal(EntityState.Unchanged, db.Entry(kingdom).State);
    }

    private async Task<(Guid Kingdom, Guid Other)> SeedAsync()
    {
        await using var db = await _factory.CreateDbContextAsync(Ct);
        await db.Database.EnsureCreatedAsync(Ct);
        var campaign = new Campaign { Name = "Json", Calendar = VellmarkCalendar.Create() };
        var kingdom = new Kingdom { Name = "Vellmark", Campaign = campaign, Commodities = { [Commodity.Food] = 4 }, Leadership = { [LeadershipSeat.General] = "Idris" } };
        var other = new Kingdom { Name = "Other", Campaign = campaign, Leadership = { [LeadershipSeat.General] = "Tamsin" } };
        db.AddRange(campaign, kingdom, other);
        await db.SaveChangesAsync(Ct);
        return (kingdom.Id, other.Id);
    }

    private async Task<Dictionary<Guid, long>> RevisionsAsync()
    {
        await using var db = await _factory.CreateDbContextAsync(Ct);
        return await db.Kingdoms.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Revision, Ct);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
