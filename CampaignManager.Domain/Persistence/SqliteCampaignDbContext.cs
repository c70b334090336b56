using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Persistence;

/// <summary>The SQLite flavour; its migrations live in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteCampaignDbContext(DbContextOptions<SqliteCampaignDbContext> options) : CampaignDbContext(options);
