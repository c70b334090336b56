using CampaignManager.Domain.Common;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Structures;
using CampaignManager.Tests.Domain.DomainTestSupport;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>Building, renaming and demolishing structures, and what that does to derived values and events.</summary>
[Trait("Category", "Unit")]
public sealed class StructureServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenShrineIsBuiltInBlockThreeOfBrindlehold_ThenItOccupiesThreeBlocksAndIsOvercrowded()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        Assert.False((await fixture.Settlements.GetAsync(DemoActors.GameMaster, fixture.BrindleholdId, Ct)).Derived!.Overcrowded);

        var shrine = await fixture.Structures.CreateAsync(DemoActors.Player, fixture.BrindleholdId, new StructureInput("shrine", Block: 3), Ct);

        Assert.Equal("Shrine", shrine.Name);
        Assert.Equal(3, shrine.Block);
        Assert.Equal(3, (await fixture.SettlementRowAsync(fixture.BrindleholdId)).OccupiedBlocks);
        var brindlehold = await fixture.Settlements.GetAsync(DemoActors.GameMaster, fixture.BrindleholdId, Ct);
        Assert.Equal(3, brindlehold.OccupiedBlocks);
        Assert.True(brindlehold.Derived!.Overcrowded);
        Assert.Equal(2, brindlehold.Derived.ResidentialLots);
        Assert.Contains(brindlehold.Structures, s => s.Id == shrine.Id);
    }

    [Fact]
    public async Task WhenShrineIsBuiltInBlockThree_ThenOneCommitReportsTheStructureAndTheSettlementsNewBlocks()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var shrine = await fixture.Structures.CreateAsync(DemoActors.Player, fixture.BrindleholdId, new StructureInput("shrine", Block: 3), Ct);

        var committed = Assert.Single(fixture.Observer.CommittedChanges);
        Assert.Equal(DemoActors.Player, committed.Actor);
        Assert.Contains(committed.Changes, c => c.EntityType == DomainChange.EntityTypes.Structure && c.EntityId == shrine.Id && c.Operation == ChangeOperation.Create);
        Assert.Contains(committed.Changes, c => c.EntityType == DomainChange.EntityTypes.Settlement && c.EntityId == fixture.BrindleholdId && c.ChangedFields.SequenceEqual(["occupiedBlocks"]));
        Assert.Contains(committed.DerivedChanges, c => c.EntityId == fixture.BrindleholdId && c.ChangedValues.Contains(DerivedValueNames.Overcrowded));
    }

    [Fact]
    public async Task WhenShrineIsBuiltInBlockThree_ThenDerivedValuesChangedFiresWithBrindleholdOvercrowded()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var signals = new List<DerivedValuesChangedSignal>();
        fixture.Derived.Changed += signals.Add;

        await fixture.Structures.CreateAsync(DemoActors.GameMaster, fixture.BrindleholdId, new StructureInput("shrine", Block: 3), Ct);

        var signal = Assert.Single(signals);
        Assert.Equal(fixture.CampaignId, signal.CampaignId);
        Assert.Equal(await fixture.EventSequenceAsync(), signal.Sequence);
        foreach (var audience in new[] { Visibility.Everyone, Visibility.GameMasters })
        {
            var brindlehold = Assert.Single(signal.Changes[audience], c => c.EntityId == fixture.BrindleholdId);
            Assert.Equal(DerivedValuesChange.SettlementScope, brindlehold.Scope);
            Assert.Contains(DerivedValueNames.Overcrowded, brindlehold.ChangedValues);
            var values = signal.Values[audience].Kingdoms.Single().Settlements.Single(s => s.SettlementId == fixture.BrindleholdId);
            Assert.True(values.Overcrowded);
        }
    }

    [Fact]
    public async Task WhenStructureIsOnlyRenamed_ThenDerivedValuesChangedDoesNotFire()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var signals = new List<DerivedValuesChangedSignal>();
        fixture.Derived.Changed += signals.Add;

        await fixture.Structures.UpdateAsync(DemoActors.Player, fixture.MillId, new StructureUpdate(Name: "Watermill"), ct: Ct);

        Assert.Empty(signals);
        var committed = Assert.Single(fixture.Observer.CommittedChanges);
        Assert.Empty(committed.DerivedChanges);
    }

    [Fact]
    public async Task WhenMillIsRenamedToWatermill_ThenTheChangeIsRecordedWithTheActorsNameAndTheNameField()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var sequence = await fixture.EventSequenceAsync();

        var result = await fixture.Structures.UpdateAsync(DemoActors.GameMaster, fixture.MillId, new StructureUpdate(Name: "Watermill"), ct: Ct);

        Assert.Equal(["name"], result.ChangedFields);
        var committed = Assert.Single(fixture.Observer.CommittedChanges);
        Assert.Equal(fixture.CampaignId, committed.CampaignId);
        Assert.Equal(sequence + 1, committed.Sequence);
        var change = Assert.Single(committed.Changes);
        Assert.Equal(DomainChange.EntityTypes.Structure, change.EntityType);
        Assert.Equal(fixture.MillId, change.EntityId);
        Assert.Equal(ChangeOperation.Update, change.Operation);
        Assert.Equal(["name"], change.ChangedFields);
        Assert.Equal("Mara renamed Mill to Watermill", change.Summary);
        Assert.Equal("Watermill", (await fixture.StructureRowAsync(fixture.MillId)).Name);
    }

    [Fact]
    public async Task WhenPlayerRenamesTheMill_ThenTheSummaryNamesThatPlayer()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await fixture.Structures.UpdateAsync(DemoActors.Player2, fixture.MillId, new StructureUpdate(Name: "Watermill"), ct: Ct);

        Assert.Equal("Tamsin renamed Mill to Watermill", Assert.Single(Assert.Single(fixture.Observer.CommittedChanges).Changes).Summary);
    }

    [Fact]
    public async Task WhenMillIsDemolished_ThenBrindleholdAndTheKingdomConsumeMoreFood()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var before = await fixture.Kingdoms.GetAsync(DemoActors.GameMaster, fixture.VellmarkId, Ct);
        Assert.Equal(1, before.Derived!.Settlements.Single(s => s.SettlementId == fixture.BrindleholdId).Consumption);
        Assert.Equal(1, before.Derived.FoodConsumption);
        var signals = new List<DerivedValuesChangedSignal>();
        fixture.Derived.Changed += signals.Add;

        await fixture.Structures.DeleteAsync(DemoActors.Player, fixture.MillId, ct: Ct);

        var forGameMaster = await fixture.Kingdoms.GetAsync(DemoActors.GameMaster, fixture.VellmarkId, Ct);
        Assert.Equal(2, forGameMaster.Derived!.Settlements.Single(s => s.SettlementId == fixture.BrindleholdId).Consumption);
        Assert.Equal(2, forGameMaster.Derived.FoodConsumption);
        Assert.DoesNotContain(KingdomChecks.HarvestCrops, forGameMaster.Derived.ItemBonuses.Keys);
        // Players' values are recomputed too (from what they can see): 2 + 1 − 2 farmland.
        var forPlayer = await fixture.Kingdoms.GetAsync(DemoActors.Player, fixture.VellmarkId, Ct);
        Assert.Equal(1, forPlayer.Derived!.FoodConsumption);
        Assert.False(await fixture.ReadAsync(db => db.Structures.AnyAsync(s => s.Id == fixture.MillId, Ct)));
        var signal = Assert.Single(signals);
        Assert.Contains(signal.Changes[Visibility.GameMasters], c => c.EntityId == fixture.VellmarkId && c.ChangedValues.Contains(DerivedValueNames.FoodConsumption));
        Assert.Contains(signal.Changes[Visibility.GameMasters], c => c.EntityId == fixture.BrindleholdId && c.ChangedValues.Contains(DerivedValueNames.Consumption));
    }

    [Fact]
    public async Task WhenMillIsDemolished_ThenTheRecordedChangeIsADeleteNamingIt()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await fixture.Structures.DeleteAsync(DemoActors.Player, fixture.MillId, ct: Ct);

        var change = Assert.Single(Assert.Single(fixture.Observer.CommittedChanges).Changes);
        Assert.Equal(ChangeOperation.Delete, change.Operation);
        Assert.Equal(fixture.MillId, change.EntityId);
        Assert.Equal("Oskar demolished Mill", change.Summary);
    }

    [Fact]
    public async Task WhenATenementIsBuiltAndItsFormIsSavedUnchanged_ThenItIsANoOp()
    {
        // The catalogue's Tenement is level 0, and a structure built without a level takes the catalogue's.
        // Saving the edit form as it was loaded must then not be rejected for the level the service chose itself.
        await using var fixture = await DomainFixture.CreateAsync();
        var tenement = await fixture.Structures.CreateAsync(DemoActors.Player, fixture.TallowfordId, new StructureInput("tenement"), Ct);

        var result = await fixture.Structures.UpdateAsync(
            DemoActors.Player,
            tenement.Id,
            new StructureUpdate(tenement.Name, tenement.CatalogueKey, tenement.Level, tenement.Block, tenement.Visibility),
            tenement.Revision,
            Ct);

        Assert.False(result.Changed);
    }

    [Fact]
    public async Task WhenStructureIsBuiltWithoutAName_ThenItTakesTheCatalogueNameAndLevel()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var view = await fixture.Structures.CreateAsync(DemoActors.Player, fixture.TallowfordId, new StructureInput("smithy", Name: "  "), Ct);

        var stored = await fixture.StructureRowAsync(view.Id);
        Assert.Equal("Smithy", stored.Name);
        Assert.Equal(StructureCatalogue.Get("smithy").Level, stored.Level);
        Assert.Equal(1, stored.Revision);
    }
}
