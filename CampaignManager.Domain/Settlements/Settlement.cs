using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;

namespace CampaignManager.Domain.Settlements;

/// <summary>A settlement of a kingdom, built up from structures, with campaign-defined variables.</summary>
public sealed class Settlement : IVersionedEntity, IHasVariables
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid KingdomId { get; init; }

    public required string Name { get; set; }

    public SettlementType Type { get; set; }

    public int Level { get; set; } = 1;

    public int Population { get; set; }

    public int OccupiedBlocks { get; set; } = 1;

    public bool IsCapital { get; set; }

    public Visibility Visibility { get; set; }

    public List<VariableSchema> VariableSchemas { get; set; } = [];

    public Dictionary<string, string> Variables { get; set; } = [];

    public long Revision { get; set; }

    public Kingdom Kingdom { get; init; } = null!;

    public List<Structure> Structures { get; init; } = [];
}
