using System.Text.Json;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;
using CampaignManager.Tests.Domain.DomainTestSupport;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>
/// Greywater Landing (a GM-only settlement) and the Popular Tavern's <c>secretTunnel</c> (a GM-only
/// variable) never reach players or observers: not in views, not in derived values, not through errors.
/// </summary>
[Trait("Category", "Unit")]
public sealed class GameMasterOnlyDataTests
{
    private static readonly Dictionary<string, Func<DomainFixture, Actor, Task>> HiddenOperations = new()
    {
        ["settlement.get"] = (f, a) => f.Settlements.GetAsync(a, f.GreywaterLandingId, Ct),
        ["settlement.getDetails"] = (f, a) => f.Settlements.GetDetailsAsync(a, f.GreywaterLandingId, Ct),
        ["settlement.update"] = (f, a) => f.Settlements.UpdateAsync(a, f.GreywaterLandingId, new SettlementUpdate(Population: 120), ct: Ct),
        ["settlement.setVariables"] = (f, a) => f.Settlements.SetVariablesAsync(a, f.GreywaterLandingId, new Dictionary<string, string?>(), ct: Ct),
        ["settlement.setSchemas"] = (f, a) => f.Settlements.SetVariableSchemasAsync(a, f.GreywaterLandingId, [new VariableSchema("smugglers", "Smugglers", VariableType.Integer)], ct: Ct),
        ["settlement.delete"] = (f, a) => f.Settlements.DeleteAsync(a, f.GreywaterLandingId, ct: Ct),
        ["structure.createInHiddenSettlement"] = (f, a) => f.Structures.CreateAsync(a, f.GreywaterLandingId, new StructureInput("houses"), Ct),
        ["structure.get"] = (f, a) => f.Structures.GetAsync(a, f.InnId, Ct),
        ["structure.update"] = (f, a) => f.Structures.UpdateAsync(a, f.InnId, new StructureUpdate(Name: "The Drowned Rat"), ct: Ct),
        ["structure.setVariables"] = (f, a) => f.Structures.SetVariablesAsync(a, f.InnId, new Dictionary<string, string?>(), ct: Ct),
        ["structure.setSchemas"] = (f, a) => f.Structures.SetVariableSchemasAsync(a, f.InnId, [new VariableSchema("beds", "Beds", VariableType.Integer)], ct: Ct),
        ["structure.delete"] = (f, a) => f.Structures.DeleteAsync(a, f.InnId, ct: Ct),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> HiddenOperationsForNonGameMasters
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var operation in HiddenOperations.Keys)
            {
                data.Add(operation, nameof(DemoActors.Player));
                data.Add(operation, nameof(DemoActors.Player2));
                data.Add(operation, nameof(DemoActors.Observer));
            }

            return data;
        }
    }

    public static TheoryData<string> HiddenOperationNames => [.. HiddenOperations.Keys];

    [Theory]
    [MemberData(nameof(HiddenOperationsForNonGameMasters))]
    public async Task WhenNonGameMasterTargetsGreywaterLandingOrItsInnById_ThenNotFoundAndNothingChanges(string operation, string actor)
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var exception = await DomainAssert.RejectedWithoutTraceAsync<NotFoundException>(
            fixture, () => HiddenOperations[operation](fixture, DemoActors.ByName(actor)));

        Assert.DoesNotContain("Greywater", exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Inn", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HiddenOperationNames))]
    public async Task WhenGameMasterTargetsGreywaterLandingOrItsInn_ThenTheOperationSucceeds(string operation)
    {
        // The same ids are real: the players' "not found" above is hiding, not a typo in the test.
        await using var fixture = await DomainFixture.CreateAsync();

        await HiddenOperations[operation](fixture, DemoActors.GameMasterNotOwner);
    }

    [Fact]
    public async Task WhenPlayerGetsTheCampaign_ThenGreywaterLandingAndTheSecretTunnelAreNowhereInIt()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var view = await fixture.Campaigns.GetAsync(DemoActors.Player, fixture.CampaignId, Ct);

        var kingdom = Assert.Single(view.Kingdoms);
        Assert.Equal(["Brindlehold", "Tallowford"], kingdom.Settlements.Select(s => s.Name));
        Assert.DoesNotContain(kingdom.Settlements, s => s.Id == fixture.GreywaterLandingId);
        Assert.DoesNotContain(kingdom.Derived!.Settlements, s => s.SettlementId == fixture.GreywaterLandingId);
        var tavern = kingdom.Settlements.SelectMany(s => s.Structures).Single(s => s.Id == fixture.PopularTavernId);
        Assert.Equal(["ale", "rooms"], tavern.Variables.Select(v => v.Schema.Key));

        var json = JsonSerializer.Serialize(view);
        Assert.DoesNotContain("Greywater", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secretTunnel", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(fixture.GreywaterLandingId.ToString(), json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(fixture.InnId.ToString(), json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WhenGameMasterGetsTheCampaign_ThenGreywaterLandingAndTheSecretTunnelAreThereAndMarked()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var view = await fixture.Campaigns.GetAsync(DemoActors.GameMaster, fixture.CampaignId, Ct);

        var kingdom = Assert.Single(view.Kingdoms);
        var greywater = Assert.Single(kingdom.Settlements, s => s.Id == fixture.GreywaterLandingId);
        Assert.Equal("Greywater Landing", greywater.Name);
        Assert.Equal(Visibility.GameMasters, greywater.Visibility);
        Assert.Contains(greywater.Structures, s => s.Id == fixture.InnId);
        var tavern = kingdom.Settlements.SelectMany(s => s.Structures).Single(s => s.Id == fixture.PopularTavernId);
        var tunnel = Assert.Single(tavern.Variables, v => v.Schema.Key == "secretTunnel");
        Assert.True(tunnel.IsGameMasterOnly);
        Assert.Equal("true", tunnel.Value);

        var json = JsonSerializer.Serialize(view);
        Assert.Contains("Greywater", json, StringComparison.Ordinal);
        Assert.Contains("secretTunnel", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(DemoActors.Player))]
    [InlineData(nameof(DemoActors.Observer))]
    public async Task WhenNonGameMasterGetsTheTavern_ThenItsVariablesOmitTheSecretTunnel(string actor)
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var tavern = await fixture.Structures.GetAsync(DemoActors.ByName(actor), fixture.PopularTavernId, Ct);
        var brindlehold = await fixture.Settlements.GetAsync(DemoActors.ByName(actor), fixture.BrindleholdId, Ct);

        Assert.Equal(["ale", "rooms"], tavern.Variables.Select(v => v.Schema.Key));
        Assert.Equal(["Goose Amber", "6"], tavern.Variables.Select(v => v.Value));
        var tavernInSettlement = Assert.Single(brindlehold.Structures, s => s.Id == fixture.PopularTavernId);
        Assert.DoesNotContain(tavernInSettlement.Variables, v => v.Schema.Key == "secretTunnel");
    }

    [Fact]
    public async Task WhenPlayerSetsTheSecretTunnel_ThenThereIsNoSuchVariableAndItStaysTrue()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var exception = await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Structures.SetVariablesAsync(DemoActors.Player, fixture.PopularTavernId, new Dictionary<string, string?> { ["secretTunnel"] = "false" }, ct: Ct),
            "variables.secretTunnel");

        Assert.Equal(["There is no variable 'secretTunnel'."], exception.Errors["variables.secretTunnel"]);
        // A key that really does not exist gets the very same answer, so hidden keys cannot be probed.
        var unknown = await Assert.ThrowsAsync<DomainValidationException>(() => fixture.Structures.SetVariablesAsync(
            DemoActors.Player, fixture.PopularTavernId, new Dictionary<string, string?> { ["trapdoor"] = "false" }, ct: Ct));
        Assert.Equal(["There is no variable 'trapdoor'."], unknown.Errors["variables.trapdoor"]);
        Assert.Equal("true", (await fixture.StructureRowAsync(fixture.PopularTavernId)).Variables["secretTunnel"]);
    }

    [Fact]
    public async Task WhenPlayerChangesAVisibleTavernVariable_ThenTheSecretTunnelIsKept()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var result = await fixture.Structures.SetVariablesAsync(
            DemoActors.Player, fixture.PopularTavernId, new Dictionary<string, string?> { ["rooms"] = "8" }, ct: Ct);

        Assert.True(result.Changed);
        var stored = (await fixture.StructureRowAsync(fixture.PopularTavernId)).Variables;
        Assert.Equal("8", stored["rooms"]);
        Assert.Equal("true", stored["secretTunnel"]);
    }

    [Fact]
    public async Task WhenGameMasterWorksInGreywaterLanding_ThenEveryRecordedChangeIsForGameMastersOnly()
    {
        // DomainChange is the raw material of the real-time events, and its Visibility says who may receive
        // one (ARCHITECTURE.md §4). The Inn itself is "Everyone", but it stands in a GM-only settlement, so
        // nothing that happens to it (or is built next to it) may be addressed to players.
        await using var fixture = await DomainFixture.CreateAsync();

        await fixture.Structures.CreateAsync(DemoActors.GameMaster, fixture.GreywaterLandingId, new StructureInput("houses", Block: 2), Ct);
        await fixture.Structures.UpdateAsync(DemoActors.GameMaster, fixture.InnId, new StructureUpdate(Name: "The Drowned Rat"), ct: Ct);
        await fixture.Structures.SetVariableSchemasAsync(DemoActors.GameMaster, fixture.InnId, [new VariableSchema("beds", "Beds", VariableType.Integer)], ct: Ct);
        await fixture.Structures.DeleteAsync(DemoActors.GameMaster, fixture.InnId, ct: Ct);

        var changes = fixture.Observer.CommittedChanges.SelectMany(c => c.Changes).ToList();
        Assert.Equal(5, changes.Count);
        Assert.All(changes, change => Assert.True(
            change.Visibility == Visibility.GameMasters,
            $"'{change.Summary}' ({change.EntityType} {change.Operation}) would be sent to {change.Visibility}."));
    }

    [Fact]
    public async Task WhenGameMasterBuildsInGreywaterLanding_ThenOnlyTheGameMastersDerivedValuesChange()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var signals = new List<DerivedValuesChangedSignal>();
        fixture.Derived.Changed += signals.Add;
        var playersBefore = (await fixture.Kingdoms.GetAsync(DemoActors.Player, fixture.VellmarkId, Ct)).Derived;

        await fixture.Structures.CreateAsync(DemoActors.GameMaster, fixture.GreywaterLandingId, new StructureInput("granary"), Ct);

        var signal = Assert.Single(signals);
        Assert.Contains(signal.Changes[Visibility.GameMasters], c => c.EntityId == fixture.VellmarkId && c.ChangedValues.Contains(DerivedValueNames.CommodityCapacity));
        Assert.Empty(signal.Changes[Visibility.Everyone]);
        Assert.Equal(playersBefore, (await fixture.Kingdoms.GetAsync(DemoActors.Player, fixture.VellmarkId, Ct)).Derived);
    }

    [Fact]
    public async Task WhenPlayerAndGameMasterReadDerivedValues_ThenThePlayersAreComputedFromVisibleSettlementsOnly()
    {
        // By design (ADR-002): a hidden settlement must not leak even as a food total. GM: Brindlehold 1 +
        // Tallowford 1 + Greywater 1 − 2 farmland = 1; players: 1 + 1 − 2 = 0.
        await using var fixture = await DomainFixture.CreateAsync();

        var forGameMaster = await fixture.Kingdoms.GetAsync(DemoActors.GameMaster, fixture.VellmarkId, Ct);
        var forPlayer = await fixture.Kingdoms.GetAsync(DemoActors.Player, fixture.VellmarkId, Ct);

        Assert.Equal(1, forGameMaster.Derived!.FoodConsumption);
        Assert.Equal(0, forPlayer.Derived!.FoodConsumption);
        Assert.Contains(forGameMaster.Derived.Settlements, s => s.SettlementId == fixture.GreywaterLandingId);
        Assert.DoesNotContain(forPlayer.Derived.Settlements, s => s.SettlementId == fixture.GreywaterLandingId);
        Assert.Equal(["Brindlehold", "Tallowford"], forPlayer.Settlements.Select(s => s.Name));
    }

    [Fact]
    public async Task WhenGameMasterHidesTallowford_ThenPlayersStopSeeingItAndItsEffectsAtOnce()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var before = (await fixture.Kingdoms.GetAsync(DemoActors.Player, fixture.VellmarkId, Ct)).Derived!;
        Assert.Contains(KingdomChecks.EstablishWorkSite, before.ItemBonuses.Keys);

        await fixture.Settlements.UpdateAsync(DemoActors.GameMaster, fixture.TallowfordId, new SettlementUpdate(Visibility: Visibility.GameMasters), ct: Ct);

        var forPlayer = await fixture.Kingdoms.GetAsync(DemoActors.Player, fixture.VellmarkId, Ct);
        Assert.Equal(["Brindlehold"], forPlayer.Settlements.Select(s => s.Name));
        Assert.DoesNotContain(forPlayer.Derived!.Settlements, s => s.SettlementId == fixture.TallowfordId);
        Assert.DoesNotContain(KingdomChecks.EstablishWorkSite, forPlayer.Derived.ItemBonuses.Keys);
        Assert.Equal(before.CommodityCapacity[Commodity.Lumber] - 1, forPlayer.Derived.CommodityCapacity[Commodity.Lumber]);
        await Assert.ThrowsAsync<NotFoundException>(() => fixture.Settlements.GetAsync(DemoActors.Player, fixture.TallowfordId, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => fixture.Structures.GetAsync(DemoActors.Player, fixture.LumberyardId, Ct));
    }
}
