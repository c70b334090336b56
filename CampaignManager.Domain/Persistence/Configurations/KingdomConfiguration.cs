using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CampaignManager.Domain.Persistence.Configurations;

internal sealed class KingdomConfiguration : IEntityTypeConfiguration<Kingdom>
{
    public void Configure(EntityTypeBuilder<Kingdom> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(Validator.MaxNameLength);
        builder.Property(k => k.Commodities).HasJsonConversion();
        builder.Property(k => k.WorkSites).HasJsonConversion();
        builder.Property(k => k.Leadership).HasJsonConversion();
        builder.Property(k => k.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.Property(k => k.Revision).IsConcurrencyToken();
        builder.HasMany(k => k.Settlements).WithOne(s => s.Kingdom).HasForeignKey(s => s.KingdomId).OnDelete(DeleteBehavior.Cascade);
    }
}
