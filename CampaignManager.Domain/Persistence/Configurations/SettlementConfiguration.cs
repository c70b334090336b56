using CampaignManager.Domain.Common;
using CampaignManager.Domain.Settlements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CampaignManager.Domain.Persistence.Configurations;

internal sealed class SettlementConfiguration : IEntityTypeConfiguration<Settlement>
{
    public void Configure(EntityTypeBuilder<Settlement> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(Validator.MaxNameLength);
        builder.Property(s => s.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.VariableSchemas).HasJsonConversion();
        builder.Property(s => s.Variables).HasJsonConversion();
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.HasMany(s => s.Structures).WithOne(s => s.Settlement).HasForeignKey(s => s.SettlementId).OnDelete(DeleteBehavior.Cascade);
    }
}
