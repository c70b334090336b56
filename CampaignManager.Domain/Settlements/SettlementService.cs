using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Variables;

namespace CampaignManager.Domain.Settlements;

/// <summary>Commands and queries of settlements; every call authorizes the actor itself.</summary>
public sealed class SettlementService(DomainServiceContext context)
{
    private const string Entity = "Settlement";

    public async Task<SettlementView> GetAsync(Actor actor, Guid settlementId, CancellationToken ct = default) =>
        (await GetDetailsAsync(actor, settlementId, ct)).Settlement;

    public async Task<SettlementDetails> GetDetailsAsync(Actor actor, Guid settlementId, CancellationToken ct = default)
    {
        var campaignId = await CampaignReader.CampaignOfAsync(context, db => CampaignTree.CampaignOfSettlementAsync(db, settlementId, ct), Entity, ct);
        var read = await CampaignReader.LoadAsync(context, actor, campaignId, Entity, ct);
        foreach (var kingdom in read.Campaign.Kingdoms.Where(k => read.Access.CanSee(k.Visibility)))
        {
            var settlement = kingdom.Settlements.FirstOrDefault(s => s.Id == settlementId);
            if (settlement is not null && read.Access.CanSee(settlement.Visibility))
            {
                var derived = read.Derived.Kingdoms.FirstOrDefault(d => d.KingdomId == kingdom.Id);
                return new SettlementDetails(CampaignViews.Settlement(settlement, kingdom, read.Access, derived), read.Access, read.Campaign.Name);
            }
        }

        throw new NotFoundException(Entity);
    }

    public async Task<SettlementView> CreateAsync(Actor actor, Guid kingdomId, SettlementInput input, CancellationToken ct = default)
    {
        await using var command = await CampaignCommand.OpenAsync(context, actor, db => CampaignTree.CampaignOfKingdomAsync(db, kingdomId, ct), "Kingdom", ct);
        var kingdom = command.Campaign.Kingdoms.FirstOrDefault(k => k.Id == kingdomId && command.Access.CanSee(k.Visibility))
            ?? throw new NotFoundException("Kingdom");
        command.Access.RequireEdit("settlements");
        if (input.Visibility != Visibility.Everyone)
        {
            command.Access.RequireGameMaster("create GM-only settlements");
        }

        var v = new Validator();
        var name = v.Name("name", input.Name);
        SettlementLimits.Validate(v, input.Type, input.Level, input.Population, input.OccupiedBlocks, input.Visibility);
        v.ThrowIfInvalid();

        var settlement = new Settlement
        {
            KingdomId = kingdom.Id,
            Kingdom = kingdom,
            Name = name!,
            Type = input.Type,
            Level = input.Level,
            Population = input.Population,
            OccupiedBlocks = input.OccupiedBlocks,
            IsCapital = input.IsCapital,
            Visibility = input.Visibility,
        };
        if (settlement.IsCapital)
        {
            UnsetOtherCapitals(command, kingdom, settlement);
        }

        kingdom.Settlements.Add(settlement);
        command.Db.Settlements.Add(settlement);
        command.RecordSettlement(settlement, ChangeOperation.Create, [], null, $"{actor.DisplayName} founded {settlement.Name}");
        await command.CommitAsync(ct);
        return CampaignViews.Settlement(settlement, kingdom, command.Access, null);
    }

    public async Task<UpdateResult> UpdateAsync(Actor actor, Guid settlementId, SettlementUpdate update, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, settlementId, ct);
        return await UpdateAsync(command, settlementId, update, expectedRevision, ct);
    }

    /// <summary>
    /// Updates and answers with the settlement as the actor now sees it, from the command's own
    /// tree: the same view a <see cref="GetAsync"/> after the commit returns, without loading the
    /// campaign a second time (the REST PATCH answers with it).
    /// </summary>
    public async Task<(UpdateResult Result, SettlementView Settlement)> UpdateAndReadAsync(
        Actor actor, Guid settlementId, SettlementUpdate update, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, settlementId, ct);
        var result = await UpdateAsync(command, settlementId, update, expectedRevision, ct);
        var settlement = Find(command, settlementId);
        var derived = command.DerivedForActor().Kingdoms.FirstOrDefault(d => d.KingdomId == settlement.KingdomId);
        return (result, CampaignViews.Settlement(settlement, settlement.Kingdom, command.Access, derived));
    }

    private static async Task<UpdateResult> UpdateAsync(CampaignCommand command, Guid settlementId, SettlementUpdate update, long? expectedRevision, CancellationToken ct)
    {
        var actor = command.Actor;
        var settlement = Find(command, settlementId);
        command.Access.RequireEdit("settlements");
        if (update.Visibility is { } visibility && visibility != settlement.Visibility)
        {
            command.Access.RequireGameMaster("change who can see a settlement");
        }

        var v = new Validator();
        var name = v.Name("name", update.Name);
        SettlementLimits.Validate(v, update.Type, update.Level, update.Population, update.OccupiedBlocks, update.Visibility);
        var highestBlock = settlement.Structures.Select(s => s.Block).DefaultIfEmpty(1).Max();
        if (update.OccupiedBlocks is { } blocks && blocks < highestBlock)
        {
            v.Add("occupiedBlocks", $"Occupied blocks cannot be fewer than {highestBlock}: a structure stands in block {highestBlock}.");
        }

        v.ThrowIfInvalid();
        Revisions.Check(settlement, expectedRevision, Entity);

        var previousName = settlement.Name;
        var previousVisibility = settlement.Visibility;
        var changes = new FieldChanges();
        changes.Set("name", settlement.Name, name, x => settlement.Name = x);
        changes.Set("type", settlement.Type, update.Type, x => settlement.Type = x);
        changes.Set("level", settlement.Level, update.Level, x => settlement.Level = x);
        changes.Set("population", settlement.Population, update.Population, x => settlement.Population = x);
        changes.Set("occupiedBlocks", settlement.OccupiedBlocks, update.OccupiedBlocks, x => settlement.OccupiedBlocks = x);
        changes.Set("isCapital", settlement.IsCapital, update.IsCapital, x => settlement.IsCapital = x);
        changes.Set("visibility", settlement.Visibility, update.Visibility, x => settlement.Visibility = x);
        if (!changes.Any)
        {
            return new UpdateResult([], settlement.Revision);
        }

        if (changes.Contains("isCapital") && settlement.IsCapital)
        {
            UnsetOtherCapitals(command, settlement.Kingdom, settlement);
        }

        var summary = changes.Contains("name")
            ? $"{actor.DisplayName} renamed {previousName} to {settlement.Name}"
            : $"{actor.DisplayName} updated {settlement.Name} ({string.Join(", ", changes.Fields)})";
        command.RecordSettlement(settlement, ChangeOperation.Update, changes.Fields, previousVisibility, summary);
        await command.CommitAsync(ct);
        return new UpdateResult(changes.Fields, settlement.Revision);
    }

    public async Task<UpdateResult> SetVariablesAsync(Actor actor, Guid settlementId, IReadOnlyDictionary<string, string?> values, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, settlementId, ct);
        var settlement = Find(command, settlementId);
        command.Access.RequireEdit("settlements");
        var changed = VariableCommands.ApplyValues(settlement, values, command.Access);
        if (changed.Count == 0)
        {
            return new UpdateResult([], settlement.Revision);
        }

        Revisions.Check(settlement, expectedRevision, Entity);
        return await CommitVariablesAsync(command, settlement, "variables", VariableCommands.OnlyGameMasterKeys(settlement, changed), ct);
    }

    public async Task<UpdateResult> SetVariableSchemasAsync(Actor actor, Guid settlementId, IReadOnlyList<VariableSchema> schemas, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, settlementId, ct);
        var settlement = Find(command, settlementId);
        command.Access.RequireGameMaster("change variable definitions");
        Revisions.Check(settlement, expectedRevision, Entity);
        var playerVisibleBefore = VariableCommands.PlayerView(settlement);
        if (!VariableCommands.ApplySchemas(settlement, schemas))
        {
            return new UpdateResult([], settlement.Revision);
        }

        var gameMastersOnly = playerVisibleBefore == VariableCommands.PlayerView(settlement);
        return await CommitVariablesAsync(command, settlement, "variableSchemas", gameMastersOnly, ct);
    }

    public async Task DeleteAsync(Actor actor, Guid settlementId, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, settlementId, ct);
        var settlement = Find(command, settlementId);
        command.Access.RequireEdit("settlements");
        Revisions.Check(settlement, expectedRevision, Entity);
        command.RecordSettlement(settlement, ChangeOperation.Delete, [], settlement.Visibility, $"{actor.DisplayName} abandoned {settlement.Name}");
        settlement.Kingdom.Settlements.Remove(settlement);
        command.Db.Settlements.Remove(settlement);
        await command.CommitAsync(ct);
    }

    private Task<CampaignCommand> OpenAsync(Actor actor, Guid settlementId, CancellationToken ct) =>
        CampaignCommand.OpenAsync(context, actor, db => CampaignTree.CampaignOfSettlementAsync(db, settlementId, ct), Entity, ct);

    private static Settlement Find(CampaignCommand command, Guid settlementId) =>
        command.Campaign.Kingdoms
            .Where(k => command.Access.CanSee(k.Visibility))
            .SelectMany(k => k.Settlements)
            .FirstOrDefault(s => s.Id == settlementId && command.Access.CanSee(s.Visibility))
        ?? throw new NotFoundException(Entity);

    private static async Task<UpdateResult> CommitVariablesAsync(CampaignCommand command, Settlement settlement, string field, bool gameMastersOnly, CancellationToken ct)
    {
        command.RecordSettlement(settlement, ChangeOperation.Update, [field], settlement.Visibility,
            $"{command.Actor.DisplayName} updated {settlement.Name}'s {field}", gameMastersOnly);
        await command.CommitAsync(ct);
        return new UpdateResult([field], settlement.Revision);
    }

    private static void UnsetOtherCapitals(CampaignCommand command, Kingdoms.Kingdom kingdom, Settlement capital)
    {
        foreach (var other in kingdom.Settlements.Where(s => s.IsCapital && s.Id != capital.Id))
        {
            other.IsCapital = false;
            command.RecordSettlement(other, ChangeOperation.Update, ["isCapital"], other.Visibility, $"{other.Name} is no longer the capital");
        }
    }
}
