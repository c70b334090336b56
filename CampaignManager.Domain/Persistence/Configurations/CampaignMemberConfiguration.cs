using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CampaignManager.Domain.Persistence.Configurations;

internal sealed class CampaignMemberConfiguration : IEntityTypeConfiguration<CampaignMember>
{
    public void Configure(EntityTypeBuilder<CampaignMember> builder)
    {
        builder.Property(m => m.UserId).HasMaxLength(64);
        builder.Property(m => m.DisplayName).HasMaxLength(Validator.MaxNameLength);
        builder.Property(m => m.Email).HasMaxLength(256);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Revision).IsConcurrencyToken();
        builder.HasIndex(m => new { m.CampaignId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
    }
}
