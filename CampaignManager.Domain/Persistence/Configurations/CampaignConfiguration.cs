using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CampaignManager.Domain.Persistence.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Validator.MaxNameLength);
        builder.Property(c => c.Description).HasMaxLength(Validator.MaxDescriptionLength);
        builder.Property(c => c.Calendar).HasJsonConversion();
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.HasMany(c => c.Members).WithOne(m => m.Campaign).HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Kingdoms).WithOne(k => k.Campaign).HasForeignKey(k => k.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
