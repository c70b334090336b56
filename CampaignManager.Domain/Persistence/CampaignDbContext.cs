using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Persistence;

/// <summary>
/// The campaign database. Provider-specific subclasses (<see cref="SqliteCampaignDbContext"/>,
/// <see cref="PostgresCampaignDbContext"/>) exist only so each provider keeps its own migrations.
/// Use it through <see cref="IDbContextFactory{TContext}"/>: one short-lived context per operation.
/// </summary>
public abstract class CampaignDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignMember> CampaignMembers => Set<CampaignMember>();

    public DbSet<Kingdom> Kingdoms => Set<Kingdom>();

    public DbSet<Settlement> Settlements => Set<Settlement>();

    public DbSet<Structure> Structures => Set<Structure>();

    public DbSet<CampaignEvent> Events => Set<CampaignEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CampaignDbContext).Assembly);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var detectOnce = DetectChangesOnce();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var detectOnce = DetectChangesOnce();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Saves what was added or marked since the last save without scanning the tracked entities for
    /// changes: for a caller that changed nothing tracked since (a command saving its events).
    /// </summary>
    internal async Task<int> SaveAddedAsync(CancellationToken ct)
    {
        var wasOn = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveChangesAsync(ct);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = wasOn;
        }
    }

    // A command tracks the whole campaign tree, and EF would scan it three times per save:
    // explicitly here, again in Entries() and again in SaveChanges. Scan once, bump revisions, and
    // let the save run with detection off. A caller that turned detection off (nothing changed since
    // its last save) is trusted and not scanned at all.
    private AutoDetectScope DetectChangesOnce()
    {
        var wasOn = ChangeTracker.AutoDetectChangesEnabled;
        if (wasOn)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        BumpRevisions();
        return new AutoDetectScope(ChangeTracker, wasOn);
    }

    private readonly struct AutoDetectScope(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker, bool wasOn) : IDisposable
    {
        public void Dispose() => tracker.AutoDetectChangesEnabled = wasOn;
    }

    // The revision is the concurrency token: EF sends the original value in the WHERE clause and
    // the incremented one in SET, so a concurrent writer's UPDATE matches no row and fails. It is set
    // through the entry, not the entity, because the save that follows does not scan for changes.
    private void BumpRevisions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersionedEntity>())
        {
            var revision = entry.Property(nameof(IVersionedEntity.Revision));
            if (entry.State == EntityState.Modified)
            {
                revision.CurrentValue = (long)revision.OriginalValue! + 1;
            }
            else if (entry.State == EntityState.Added && entry.Entity.Revision == 0)
            {
                revision.CurrentValue = 1L;
            }
        }
    }
}
