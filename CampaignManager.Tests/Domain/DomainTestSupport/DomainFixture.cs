using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Demo;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.WorldTime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignManager.Tests.Domain.DomainTestSupport;

/// <summary>
/// One test's world: an in-memory SQLite database migrated with the real SQLite migrations and seeded with
/// "The Vellmark Charter" (plus a test-only game master who is not an owner), the rules engine cache, a
/// recording observer, a fake user directory and the six domain services.
/// </summary>
/// <remarks>
/// As in the EF Core testing docs, one <see cref="SqliteConnection"/> to <c>:memory:</c> is opened and kept
/// open for the whole test; every context runs on it. Tests that need two writers at the same time (one
/// connection cannot hold two transactions) ask for <c>parallelWriters</c>: then the database is a named
/// shared-cache in-memory database kept alive by the same kind of open connection, and every context opens
/// its own connection to it.
/// </remarks>
public sealed class DomainFixture : IAsyncDisposable
{
    private static readonly JsonSerializerOptions SnapshotOptions = new()
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly SqliteConnection _connection;

    private DomainFixture(SqliteConnection connection, IDbContextFactory<CampaignDbContext> dbFactory, Campaign demo)
    {
        _connection = connection;
        DbFactory = dbFactory;
        Derived = new DerivedValuesService(NullLogger<DerivedValuesService>.Instance);
        Services = CreateServices();

        CampaignId = demo.Id;
        var vellmark = demo.Kingdoms.Single();
        VellmarkId = vellmark.Id;
        var brindlehold = vellmark.Settlements.Single(s => s.Name == "Brindlehold");
        var tallowford = vellmark.Settlements.Single(s => s.Name == "Tallowford");
        var greywater = vellmark.Settlements.Single(s => s.Name == "Greywater Landing");
        BrindleholdId = brindlehold.Id;
        TallowfordId = tallowford.Id;
        GreywaterLandingId = greywater.Id;
        TownHallId = brindlehold.Structures.Single(s => s.CatalogueKey == "town-hall").Id;
        MillId = brindlehold.Structures.Single(s => s.CatalogueKey == "mill").Id;
        PopularTavernId = brindlehold.Structures.Single(s => s.CatalogueKey == "popular-tavern").Id;
        GranaryId = brindlehold.Structures.Single(s => s.CatalogueKey == "granary").Id;
        TallowfordShrineId = tallowford.Structures.Single(s => s.CatalogueKey == "shrine").Id;
        LumberyardId = tallowford.Structures.Single(s => s.CatalogueKey == "lumberyard").Id;
        InnId = greywater.Structures.Single(s => s.CatalogueKey == "inn").Id;
    }

    public IDbContextFactory<CampaignDbContext> DbFactory { get; }

    public DerivedValuesService Derived { get; }

    public RecordingChangeObserver Observer { get; } = new();

    public FakeUserDirectory Users { get; } = new();

    public TimeProvider Time { get; } = TimeProvider.System;

    /// <summary>The services every test uses; <see cref="CreateServices"/> makes another independent set.</summary>
    public DomainServices Services { get; }

    public CampaignService Campaigns => Services.Campaigns;

    public MemberService Members => Services.Members;

    public KingdomService Kingdoms => Services.Kingdoms;

    public SettlementService Settlements => Services.Settlements;

    public StructureService Structures => Services.Structures;

    public WorldTimeService WorldTime => Services.WorldTime;

    public Guid CampaignId { get; }

    public Guid VellmarkId { get; }

    public Guid BrindleholdId { get; }

    public Guid TallowfordId { get; }

    /// <summary>Visible to game masters only.</summary>
    public Guid GreywaterLandingId { get; }

    public Guid TownHallId { get; }

    public Guid MillId { get; }

    /// <summary>In Brindlehold; has the GM-only variable <c>secretTunnel</c>.</summary>
    public Guid PopularTavernId { get; }

    public Guid GranaryId { get; }

    public Guid TallowfordShrineId { get; }

    public Guid LumberyardId { get; }

    /// <summary>Greywater Landing's Inn (hidden with its settlement).</summary>
    public Guid InnId { get; }

    public static async Task<DomainFixture> CreateAsync(bool parallelWriters = false)
    {
        SqliteConnection connection;
        DbContextOptions<SqliteCampaignDbContext> options;
        if (parallelWriters)
        {
            // "Default Timeout" makes a writer wait for the other's lock instead of failing.
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = $"domain-tests-{Guid.NewGuid():N}",
                Mode = SqliteOpenMode.Memory,
                Cache = SqliteCacheMode.Shared,
                DefaultTimeout = 30,
            }.ToString();
            connection = new SqliteConnection(connectionString);
            options = new DbContextOptionsBuilder<SqliteCampaignDbContext>().UseSqlite(connectionString).Options;
        }
        else
        {
            connection = new SqliteConnection("DataSource=:memory:");
            options = new DbContextOptionsBuilder<SqliteCampaignDbContext>().UseSqlite(connection).Options;
        }

        await connection.OpenAsync();
        try
        {
            var factory = new SqliteCampaignDbContextFactory(options);
            var demo = DemoCampaign.Build(
                DemoAccount.All.ToDictionary(a => a.Email, a => DemoActors.UserIdOf(a.Email)),
                TimeProvider.System);
            demo.Members.Add(new CampaignMember
            {
                CampaignId = demo.Id,
                UserId = DemoActors.GameMasterNotOwner.UserId,
                DisplayName = DemoActors.GameMasterNotOwner.DisplayName,
                Email = DemoActors.GameMasterNotOwnerEmail,
                Role = CampaignRole.GameMaster,
            });

            await using (var db = factory.CreateDbContext())
            {
                // The real SQLite migrations build the schema (EnsureCreated would bypass them).
                db.Database.Migrate();
                db.Campaigns.Add(demo);
                await db.SaveChangesAsync();
            }

            var fixture = new DomainFixture(connection, factory, demo);
            foreach (var account in DemoAccount.All)
            {
                fixture.Users.Add(new DirectoryUser(DemoActors.UserIdOf(account.Email), account.DisplayName, account.Email));
            }

            fixture.Users.Add(new DirectoryUser(DemoActors.GameMasterNotOwner.UserId, DemoActors.GameMasterNotOwner.DisplayName, DemoActors.GameMasterNotOwnerEmail));
            fixture.Users.Add(new DirectoryUser(DemoActors.Newcomer.UserId, DemoActors.Newcomer.DisplayName, DemoActors.NewcomerEmail));
            return fixture;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh set of services with its own <see cref="DomainServiceContext"/> over the same database, cache and observer.</summary>
    /// <param name="derived">Another derived-values cache, as another app instance on the same database has.</param>
    public DomainServices CreateServices(DerivedValuesService? derived = null)
    {
        var context = new DomainServiceContext(DbFactory, derived ?? Derived, [Observer], Time);
        return new DomainServices(
            new CampaignService(context),
            new MemberService(context, Users),
            new KingdomService(context),
            new SettlementService(context),
            new StructureService(context),
            new WorldTimeService(context));
    }

    /// <summary>Reads the database through a fresh, untracked context (what a later request would see).</summary>
    public async Task<T> ReadAsync<T>(Func<CampaignDbContext, Task<T>> read)
    {
        await using var db = await DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await read(db);
    }

    public Task<Campaign> CampaignRowAsync() =>
        ReadAsync(db => db.Campaigns.SingleAsync(c => c.Id == CampaignId, TestContext.Current.CancellationToken));

    public Task<long> EventSequenceAsync() =>
        ReadAsync(db => db.Campaigns.Where(c => c.Id == CampaignId).Select(c => c.EventSequence).SingleAsync(TestContext.Current.CancellationToken));

    public Task<Kingdom> KingdomRowAsync(Guid id) =>
        ReadAsync(db => db.Kingdoms.SingleAsync(k => k.Id == id, TestContext.Current.CancellationToken));

    public Task<Settlement> SettlementRowAsync(Guid id) =>
        ReadAsync(db => db.Settlements.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken));

    public Task<Structure> StructureRowAsync(Guid id) =>
        ReadAsync(db => db.Structures.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken));

    /// <summary>Every row of every table as JSON, in a stable order: equal snapshots mean nothing was written.</summary>
    public Task<string> SnapshotAsync() => ReadAsync(async db =>
    {
        var ct = TestContext.Current.CancellationToken;
        var state = new
        {
            Campaigns = (await db.Campaigns.ToListAsync(ct)).OrderBy(c => c.Id),
            Members = (await db.CampaignMembers.ToListAsync(ct)).OrderBy(m => m.Id),
            Kingdoms = (await db.Kingdoms.ToListAsync(ct)).OrderBy(k => k.Id),
            Settlements = (await db.Settlements.ToListAsync(ct)).OrderBy(s => s.Id),
            Structures = (await db.Structures.ToListAsync(ct)).OrderBy(s => s.Id),
        };
        return JsonSerializer.Serialize(state, SnapshotOptions);
    });

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
