using CampaignManager.Domain.Events;
using CampaignManager.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CampaignManager.Tests.Realtime;

/// <summary>
/// A private in-memory SQLite database with the campaign schema, alive while this object holds its
/// first connection open (the EF docs' way), reached through the app's own context factory.
/// </summary>
public sealed class EventLogDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _keepAlive;

    private EventLogDatabase(string connectionString)
    {
        _keepAlive = new SqliteConnection(connectionString);
        Factory = new CampaignDbContextFactory(Options.Create(new DatabaseOptions { ConnectionString = connectionString }));
    }

    public IDbContextFactory<CampaignDbContext> Factory { get; }

    public static async Task<EventLogDatabase> CreateAsync(CancellationToken ct)
    {
        var database = new EventLogDatabase($"Data Source=file:events-{Guid.NewGuid():N}?mode=memory&cache=shared");
        await database._keepAlive.OpenAsync(ct);
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        await db.Database.EnsureCreatedAsync(ct);
        return database;
    }

    public async Task AddAsync(IEnumerable<CampaignEvent> rows, CancellationToken ct)
    {
        await using var db = await Factory.CreateDbContextAsync(ct);
        db.Events.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<CampaignEvent>> AllAsync(CancellationToken ct)
    {
        await using var db = await Factory.CreateDbContextAsync(ct);
        var rows = await db.Events.AsNoTracking().ToListAsync(ct);
        return [.. rows.OrderBy(r => r.CampaignId).ThenBy(r => r.Audience).ThenBy(r => r.Sequence)];
    }

    public async ValueTask DisposeAsync() => await _keepAlive.DisposeAsync();
}
