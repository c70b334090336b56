using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Web.Data;

/// <summary>
/// Identity's tables, in the same database as the campaigns but with their own migrations and
/// history table. Provider subclasses exist so each provider keeps its own migrations.
/// </summary>
public abstract class ApplicationDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options)
{
    public const string MigrationsHistoryTable = "__IdentityMigrationsHistory";

    /// <summary>API refresh tokens (hashes only), next to the users they belong to.</summary>
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ApplicationUser>().Property(u => u.DisplayName).HasMaxLength(100);
        builder.Entity<RefreshToken>(token =>
        {
            token.ToTable("ApiRefreshTokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.TokenHash).HasMaxLength(RefreshToken.HashLength).IsFixedLength();
            token.Property(t => t.SecurityStampHash).HasMaxLength(RefreshToken.HashLength);
            token.Property(t => t.RevokedReason).HasMaxLength(100);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            // A deleted account takes its refresh tokens with it.
            token.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options) : ApplicationDbContext(options);

public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options) : ApplicationDbContext(options);
