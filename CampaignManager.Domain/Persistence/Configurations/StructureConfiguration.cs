using CampaignManager.Domain.Common;
using CampaignManager.Domain.Structures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CampaignManager.Domain.Persistence.Configurations;

internal sealed class StructureConfiguration : IEntityTypeConfiguration<Structure>
{
    public void Configure(EntityTypeBuilder<Structure> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(Validator.MaxNameLength);
        builder.Property(s => s.CatalogueKey).HasMaxLength(40);
        builder.Property(s => s.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.VariableSchemas).HasJsonConversion();
        builder.Property(s => s.Variables).HasJsonConversion();
        builder.Property(s => s.Revision).IsConcurrencyToken();
    }
}
