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

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpRevisions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpRevisions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    // The revision is the concurrency token: EF sends the original value in the WHERE clause and
    // the incremented one in SET, so a concurrent writer's UPDATE matches no row and fails.
    private void BumpRevisions()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<IVersionedEntity>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Revision = entry.Property(e => e.Revision).OriginalValue + 1;
            }
            else if (entry.State == EntityState.Added && entry.Entity.Revision == 0)
            {
                entry.Entity.Revision = 1;
            }
        }
    }
}
