using CampaignManager.Domain.Common;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Variables;

namespace CampaignManager.Domain.Structures;

/// <summary>A structure built in a settlement; its rules come from its <see cref="StructureCatalogue"/> entry.</summary>
public sealed class Structure : IVersionedEntity, IHasVariables
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid SettlementId { get; init; }

    public required string Name { get; set; }

    /// <summary>The catalogue key ("mill", "houses", …).</summary>
    public required string CatalogueKey { get; set; }

    public int Level { get; set; } = 1;

    /// <summary>The settlement block (1–9) it stands in.</summary>
    public int Block { get; set; } = 1;

    public Visibility Visibility { get; set; }

    public List<VariableSchema> VariableSchemas { get; set; } = [];

    public Dictionary<string, string> Variables { get; set; } = [];

    public long Revision { get; set; }

    public Settlement Settlement { get; init; } = null!;
}
