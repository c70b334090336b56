using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Persistence;

/// <summary>The PostgreSQL flavour; its migrations live in Persistence/Migrations/Postgres.</summary>
public sealed class PostgresCampaignDbContext(DbContextOptions<PostgresCampaignDbContext> options) : CampaignDbContext(options);
