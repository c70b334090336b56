using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Variables;

namespace CampaignManager.Domain.Structures;

/// <summary>Commands and queries of structures; every call authorizes the actor itself.</summary>
public sealed class StructureService(DomainServiceContext context)
{
    private const string Entity = "Structure";
    // Kingmaker has level-0 structures (Tenement), so 0 is a valid level.
    private const int MinLevel = 0;
    private const int MaxLevel = 20;

    public IReadOnlyList<StructureDefinition> Catalogue => StructureCatalogue.All;

    public async Task<StructureView> GetAsync(Actor actor, Guid structureId, CancellationToken ct = default)
    {
        var campaignId = await CampaignReader.CampaignOfAsync(context, db => CampaignTree.CampaignOfStructureAsync(db, structureId, ct), Entity, ct);
        var read = await CampaignReader.LoadAsync(context, actor, campaignId, Entity, ct);
        var structure = Visible(read.Campaign, read.Access).FirstOrDefault(s => s.Id == structureId)
            ?? throw new NotFoundException(Entity);
        return CampaignViews.Structure(structure, read.Access);
    }

    public async Task<StructureView> CreateAsync(Actor actor, Guid settlementId, StructureInput input, CancellationToken ct = default)
    {
        await using var command = await CampaignCommand.OpenAsync(context, actor, db => CampaignTree.CampaignOfSettlementAsync(db, settlementId, ct), "Settlement", ct);
        var settlement = command.Campaign.Kingdoms.Where(k => command.Access.CanSee(k.Visibility))
            .SelectMany(k => k.Settlements)
            .FirstOrDefault(s => s.Id == settlementId && command.Access.CanSee(s.Visibility))
            ?? throw new NotFoundException("Settlement");
        command.Access.RequireEdit("structures");
        if (input.Visibility != Visibility.Everyone)
        {
            command.Access.RequireGameMaster("build GM-only structures");
        }

        var v = new Validator();
        var definition = CatalogueEntry(v, input.CatalogueKey);
        var name = v.Name("name", string.IsNullOrWhiteSpace(input.Name) ? definition?.Name ?? "" : input.Name);
        v.Range("level", input.Level, MinLevel, MaxLevel, "Level");
        v.Range("block", input.Block, 1, SettlementLimits.MaxBlocks, "Block");
        v.Defined("visibility", (Visibility?)input.Visibility, "Visibility");
        v.ThrowIfInvalid();

        var structure = new Structure
        {
            SettlementId = settlement.Id,
            Settlement = settlement,
            Name = name!,
            CatalogueKey = definition!.Key,
            Level = input.Level ?? definition.Level,
            Block = input.Block,
            Visibility = input.Visibility,
        };
        settlement.Structures.Add(structure);
        command.Db.Structures.Add(structure);
        GrowBlocks(command, settlement, structure.Block);
        command.RecordStructure(structure, ChangeOperation.Create, [], null, $"{actor.DisplayName} built {structure.Name} in {settlement.Name}");
        await command.CommitAsync(ct);
        return CampaignViews.Structure(structure, command.Access);
    }

    public async Task<UpdateResult> UpdateAsync(Actor actor, Guid structureId, StructureUpdate update, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, structureId, ct);
        var structure = Find(command, structureId);
        command.Access.RequireEdit("structures");
        if (update.Visibility is { } visibility && visibility != structure.Visibility)
        {
            command.Access.RequireGameMaster("change who can see a structure");
        }

        var v = new Validator();
        var name = v.Name("name", update.Name);
        var definition = update.CatalogueKey is null ? null : CatalogueEntry(v, update.CatalogueKey);
        v.Range("level", update.Level, MinLevel, MaxLevel, "Level");
        v.Range("block", update.Block, 1, SettlementLimits.MaxBlocks, "Block");
        v.Defined("visibility", update.Visibility, "Visibility");
        v.ThrowIfInvalid();
        Revisions.Check(structure, expectedRevision, Entity);

        var previousName = structure.Name;
        var previousVisibility = structure.Visibility;
        var changes = new FieldChanges();
        changes.Set("name", structure.Name, name, x => structure.Name = x);
        changes.Set("catalogueKey", structure.CatalogueKey, definition?.Key, x => structure.CatalogueKey = x);
        changes.Set("level", structure.Level, update.Level, x => structure.Level = x);
        changes.Set("block", structure.Block, update.Block, x => structure.Block = x);
        changes.Set("visibility", structure.Visibility, update.Visibility, x => structure.Visibility = x);
        if (!changes.Any)
        {
            return new UpdateResult([], structure.Revision);
        }

        GrowBlocks(command, structure.Settlement, structure.Block);
        var summary = changes.Contains("name")
            ? $"{actor.DisplayName} renamed {previousName} to {structure.Name}"
            : $"{actor.DisplayName} updated {structure.Name} ({string.Join(", ", changes.Fields)})";
        command.RecordStructure(structure, ChangeOperation.Update, changes.Fields, previousVisibility, summary);
        await command.CommitAsync(ct);
        return new UpdateResult(changes.Fields, structure.Revision);
    }

    public async Task<UpdateResult> SetVariablesAsync(Actor actor, Guid structureId, IReadOnlyDictionary<string, string?> values, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, structureId, ct);
        var structure = Find(command, structureId);
        command.Access.RequireEdit("structures");
        var changed = VariableCommands.ApplyValues(structure, values, command.Access);
        if (changed.Count == 0)
        {
            return new UpdateResult([], structure.Revision);
        }

        Revisions.Check(structure, expectedRevision, Entity);
        return await CommitVariablesAsync(command, structure, "variables", VariableCommands.OnlyGameMasterKeys(structure, changed), ct);
    }

    public async Task<UpdateResult> SetVariableSchemasAsync(Actor actor, Guid structureId, IReadOnlyList<VariableSchema> schemas, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, structureId, ct);
        var structure = Find(command, structureId);
        command.Access.RequireGameMaster("change variable definitions");
        Revisions.Check(structure, expectedRevision, Entity);
        var playerVisibleBefore = VariableCommands.PlayerView(structure);
        if (!VariableCommands.ApplySchemas(structure, schemas))
        {
            return new UpdateResult([], structure.Revision);
        }

        var gameMastersOnly = playerVisibleBefore == VariableCommands.PlayerView(structure);
        return await CommitVariablesAsync(command, structure, "variableSchemas", gameMastersOnly, ct);
    }

    public async Task DeleteAsync(Actor actor, Guid structureId, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, structureId, ct);
        var structure = Find(command, structureId);
        command.Access.RequireEdit("structures");
        Revisions.Check(structure, expectedRevision, Entity);
        command.RecordStructure(structure, ChangeOperation.Delete, [], structure.Visibility, $"{actor.DisplayName} demolished {structure.Name}");
        structure.Settlement.Structures.Remove(structure);
        command.Db.Structures.Remove(structure);
        await command.CommitAsync(ct);
    }

    private Task<CampaignCommand> OpenAsync(Actor actor, Guid structureId, CancellationToken ct) =>
        CampaignCommand.OpenAsync(context, actor, db => CampaignTree.CampaignOfStructureAsync(db, structureId, ct), Entity, ct);

    private static IEnumerable<Structure> Visible(Campaign campaign, CampaignAccess access) =>
        campaign.Kingdoms.Where(k => access.CanSee(k.Visibility))
            .SelectMany(k => k.Settlements).Where(s => access.CanSee(s.Visibility))
            .SelectMany(s => s.Structures).Where(s => access.CanSee(s.Visibility));

    private static Structure Find(CampaignCommand command, Guid structureId) =>
        Visible(command.Campaign, command.Access).FirstOrDefault(s => s.Id == structureId)
        ?? throw new NotFoundException(Entity);

    private static StructureDefinition? CatalogueEntry(Validator v, string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || !StructureCatalogue.TryGet(key.Trim(), out var definition))
        {
            v.Add("catalogueKey", $"'{key}' is not a structure type. Pick one from the catalogue.");
            return null;
        }

        return definition;
    }

    // Building in a new block occupies it: the settlement's block count follows its structures.
    private static void GrowBlocks(CampaignCommand command, Settlement settlement, int block)
    {
        if (block <= settlement.OccupiedBlocks)
        {
            return;
        }

        settlement.OccupiedBlocks = block;
        command.RecordSettlement(settlement, ChangeOperation.Update, ["occupiedBlocks"], settlement.Visibility, $"{settlement.Name} now occupies {block} blocks");
    }

    private static async Task<UpdateResult> CommitVariablesAsync(CampaignCommand command, Structure structure, string field, bool gameMastersOnly, CancellationToken ct)
    {
        command.RecordStructure(structure, ChangeOperation.Update, [field], structure.Visibility,
            $"{command.Actor.DisplayName} updated {structure.Name}'s {field}", gameMastersOnly);
        await command.CommitAsync(ct);
        return new UpdateResult([field], structure.Revision);
    }
}
