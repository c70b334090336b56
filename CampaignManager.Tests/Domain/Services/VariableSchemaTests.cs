using CampaignManager.Domain.Common;
using CampaignManager.Domain.Variables;
using CampaignManager.Tests.Domain.DomainTestSupport;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>Changing variable schemas (game masters only): values that no longer fit are dropped, the rest kept.</summary>
[Trait("Category", "Unit")]
public sealed class VariableSchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenTheTavernsSchemasChange_ThenValuesThatNoLongerFitAreDropped()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var result = await fixture.Structures.SetVariableSchemasAsync(
            DemoActors.GameMaster,
            fixture.PopularTavernId,
            [
                new VariableSchema("ale", "House ale", VariableType.Integer), // "Goose Amber" is no number
                new VariableSchema("rooms", "Rooms", VariableType.Integer, Min: 0, Max: 5), // 6 is now too many
                new VariableSchema("secretTunnel", "Secret tunnel", VariableType.Boolean, Visibility.GameMasters), // unchanged
                new VariableSchema("cellar", "Cellar", VariableType.Text), // new, no value yet
            ],
            ct: Ct);

        Assert.Equal(["variableSchemas"], result.ChangedFields);
        var stored = await fixture.StructureRowAsync(fixture.PopularTavernId);
        Assert.Equal(["ale", "rooms", "secretTunnel", "cellar"], stored.VariableSchemas.Select(s => s.Key));
        Assert.Equal(new Dictionary<string, string> { ["secretTunnel"] = "true" }, stored.Variables);
        var view = await fixture.Structures.GetAsync(DemoActors.GameMaster, fixture.PopularTavernId, Ct);
        Assert.Equal([null, null, "true", null], view.Variables.Select(v => v.Value));
    }

    [Fact]
    public async Task WhenASchemaIsRemoved_ThenItsValueGoesWithIt()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await fixture.Settlements.SetVariableSchemasAsync(
            DemoActors.GameMaster, fixture.BrindleholdId, [new VariableSchema("militia", "Militia", VariableType.Integer, Min: 0, Max: 500)], ct: Ct);

        var stored = await fixture.SettlementRowAsync(fixture.BrindleholdId);
        Assert.Equal(new Dictionary<string, string> { ["militia"] = "40" }, stored.Variables);
    }

    [Fact]
    public async Task WhenAChoiceLosesTheStoredOption_ThenTheValueIsDroppedAndOthersAreKept()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await fixture.Settlements.SetVariableSchemasAsync(
            DemoActors.GameMaster,
            fixture.BrindleholdId,
            [
                new VariableSchema("marketDay", "Market day", VariableType.Choice, Choices: ["Feastday", "Restday"]),
                new VariableSchema("militia", "Militia", VariableType.Decimal, Min: 0, Max: 500),
            ],
            ct: Ct);

        var stored = await fixture.SettlementRowAsync(fixture.BrindleholdId);
        Assert.Equal(new Dictionary<string, string> { ["militia"] = "40" }, stored.Variables);
    }

    [Fact]
    public async Task WhenASchemaIsHiddenFromPlayers_ThenPlayersNoLongerSeeOrSetIt()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await fixture.Structures.SetVariableSchemasAsync(
            DemoActors.GameMaster,
            fixture.PopularTavernId,
            [
                new VariableSchema("ale", "House ale", VariableType.Text),
                new VariableSchema("rooms", "Rooms", VariableType.Integer, Visibility.GameMasters, Min: 0, Max: 40),
                new VariableSchema("secretTunnel", "Secret tunnel", VariableType.Boolean, Visibility.GameMasters),
            ],
            ct: Ct);

        var view = await fixture.Structures.GetAsync(DemoActors.Player, fixture.PopularTavernId, Ct);
        Assert.Equal(["ale"], view.Variables.Select(v => v.Schema.Key));
        await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Structures.SetVariablesAsync(DemoActors.Player, fixture.PopularTavernId, new Dictionary<string, string?> { ["rooms"] = "7" }, ct: Ct),
            "variables.rooms",
            "There is no variable 'rooms'.");
    }

    [Fact]
    public async Task WhenAVariableIsClearedWithAnEmptyValue_ThenItIsRemoved()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var result = await fixture.Structures.SetVariablesAsync(
            DemoActors.Player, fixture.PopularTavernId, new Dictionary<string, string?> { ["ale"] = "", ["rooms"] = null }, ct: Ct);

        Assert.True(result.Changed);
        var stored = await fixture.StructureRowAsync(fixture.PopularTavernId);
        Assert.Equal(new Dictionary<string, string> { ["secretTunnel"] = "true" }, stored.Variables);
    }
}
