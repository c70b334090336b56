using CampaignManager.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CampaignManager.Domain.Persistence.Configurations;

internal sealed class CampaignEventConfiguration : IEntityTypeConfiguration<CampaignEvent>
{
    public void Configure(EntityTypeBuilder<CampaignEvent> builder)
    {
        builder.Property(e => e.Audience).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Type).HasMaxLength(32);
        // No holes and no duplicates per stream: the database enforces what the command computes.
        builder.HasIndex(e => new { e.CampaignId, e.Audience, e.Sequence }).IsUnique();
        builder.HasIndex(e => e.PublishedAt);
        builder.Ignore(e => e.Built);
    }
}
