using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Demo;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;
using CampaignManager.Tests.Domain.DomainTestSupport;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>
/// Saving what is already stored is not a change: no new revision, no event sequence number, no
/// notification, no derived-values signal. (Forms submit every field, so this is the common case.)
/// </summary>
[Trait("Category", "Unit")]
public sealed class NoOpUpdateTests
{
    private const string DemoDescription =
        "The River Kingdoms charter of Vellmark: three settlements, one stubborn council, and a winter coming.";

    private static readonly Dictionary<string, NoOpCase> Updates = new()
    {
        ["campaign"] = new(
            async f => (await f.CampaignRowAsync()).Revision,
            f => f.Campaigns.UpdateAsync(
                DemoActors.GameMaster,
                f.CampaignId,
                new CampaignUpdate(DemoCampaign.Name, $" {DemoDescription} ", VellmarkCalendar.Create()),
                ct: Ct)),
        ["kingdom"] = new(
            async f => (await f.KingdomRowAsync(f.VellmarkId)).Revision,
            f => f.Kingdoms.UpdateAsync(
                DemoActors.Player,
                f.VellmarkId,
                new KingdomUpdate(
                    Name: "Vellmark",
                    Level: 3,
                    SizeHexes: 12,
                    Culture: 14,
                    Economy: 12,
                    Loyalty: 14,
                    Stability: 16,
                    Unrest: 3,
                    FarmlandHexes: 2,
                    Commodities: new Dictionary<Commodity, int> { [Commodity.Food] = 4, [Commodity.Ore] = 0 },
                    WorkSites: new Dictionary<string, int> { ["Quarry"] = 1 },
                    Leadership: new Dictionary<LeadershipSeat, string?> { [LeadershipSeat.Ruler] = "Oskar", [LeadershipSeat.Counselor] = "" },
                    Visibility: Visibility.Everyone),
                ct: Ct)),
        ["settlement"] = new(
            async f => (await f.SettlementRowAsync(f.BrindleholdId)).Revision,
            f => f.Settlements.UpdateAsync(
                DemoActors.Player,
                f.BrindleholdId,
                new SettlementUpdate(" Brindlehold ", SettlementType.Town, Level: 3, Population: 1_450, OccupiedBlocks: 2, IsCapital: true, Visibility: Visibility.Everyone),
                ct: Ct)),
        ["settlementVariables"] = new(
            async f => (await f.SettlementRowAsync(f.BrindleholdId)).Revision,
            f => f.Settlements.SetVariablesAsync(
                DemoActors.Player,
                f.BrindleholdId,
                new Dictionary<string, string?> { ["militia"] = " 040 ", ["marketDay"] = "marketday" },
                ct: Ct)),
        ["settlementSchemas"] = new(
            async f => (await f.SettlementRowAsync(f.BrindleholdId)).Revision,
            f => f.Settlements.SetVariableSchemasAsync(
                DemoActors.GameMaster,
                f.BrindleholdId,
                [
                    new VariableSchema("marketDay", "Market day", VariableType.Choice, Choices: ["Marketday", "Feastday", "Restday"]),
                    new VariableSchema("militia", "Militia", VariableType.Integer, Min: 0, Max: 500),
                ],
                ct: Ct)),
        ["structure"] = new(
            async f => (await f.StructureRowAsync(f.MillId)).Revision,
            f => f.Structures.UpdateAsync(
                DemoActors.Player,
                f.MillId,
                new StructureUpdate("Mill", "mill", Level: 2, Block: 1, Visibility: Visibility.Everyone),
                ct: Ct)),
        ["structureVariables"] = new(
            async f => (await f.StructureRowAsync(f.PopularTavernId)).Revision,
            f => f.Structures.SetVariablesAsync(
                DemoActors.Player,
                f.PopularTavernId,
                new Dictionary<string, string?> { ["rooms"] = "6", ["ale"] = "Goose Amber " },
                ct: Ct)),
        ["structureVariablesAsGameMaster"] = new(
            async f => (await f.StructureRowAsync(f.PopularTavernId)).Revision,
            f => f.Structures.SetVariablesAsync(
                DemoActors.GameMaster,
                f.PopularTavernId,
                new Dictionary<string, string?> { ["secretTunnel"] = "True" },
                ct: Ct)),
        ["structureSchemas"] = new(
            async f => (await f.StructureRowAsync(f.PopularTavernId)).Revision,
            f => f.Structures.SetVariableSchemasAsync(
                DemoActors.GameMaster,
                f.PopularTavernId,
                [
                    new VariableSchema("ale", "House ale", VariableType.Text),
                    new VariableSchema("rooms", "Rooms", VariableType.Integer, Min: 0, Max: 40),
                    new VariableSchema("secretTunnel", "Secret tunnel", VariableType.Boolean, Visibility.GameMasters),
                ],
                ct: Ct)),
        ["memberRole"] = new(
            async f => (await f.Members.ListAsync(DemoActors.GameMaster, f.CampaignId, Ct)).Single(m => m.UserId == DemoActors.Player2.UserId).Revision,
            f => f.Members.ChangeRoleAsync(DemoActors.GameMaster, f.CampaignId, DemoActors.Player2.UserId, CampaignRole.Player, Ct)),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> UpdateNames => [.. Updates.Keys];

    [Theory]
    [MemberData(nameof(UpdateNames))]
    public async Task WhenUpdateRepeatsTheStoredValues_ThenNothingChangesAndNobodyIsTold(string update)
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var @case = Updates[update];
        var before = await fixture.SnapshotAsync();
        var sequence = await fixture.EventSequenceAsync();
        var revision = await @case.StoredRevision(fixture);
        var signals = new List<DerivedValuesChangedSignal>();
        fixture.Derived.Changed += signals.Add;

        var result = await @case.Update(fixture);

        Assert.False(result.Changed, $"Reported changed fields: {string.Join(", ", result.ChangedFields)}");
        Assert.Equal(revision, result.Revision);
        Assert.Equal(revision, await @case.StoredRevision(fixture));
        Assert.Equal(sequence, await fixture.EventSequenceAsync());
        Assert.Empty(fixture.Observer.CommittedChanges);
        Assert.Empty(signals);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    [Fact]
    public async Task WhenClockAdvancesByZeroSeconds_ThenNothingChangesAndNobodyIsTold()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var before = await fixture.SnapshotAsync();
        var sequence = await fixture.EventSequenceAsync();

        var change = await fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, 0, ct: Ct);

        Assert.False(change.Changed);
        Assert.Empty(change.KingdomTurnsDue);
        Assert.Equal(VellmarkCalendar.DemoNow, change.NewWorldTime);
        Assert.Equal(sequence, await fixture.EventSequenceAsync());
        Assert.Empty(fixture.Observer.CommittedChanges);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    [Fact]
    public async Task WhenAFullFormUpdateChangesOneField_ThenOnlyThatFieldIsReportedAndSaved()
    {
        // The counterpart of the no-op cases: the same kind of full-form update with one real change.
        await using var fixture = await DomainFixture.CreateAsync();
        var sequence = await fixture.EventSequenceAsync();

        var result = await fixture.Settlements.UpdateAsync(
            DemoActors.Player,
            fixture.BrindleholdId,
            new SettlementUpdate("Brindlehold", SettlementType.Town, Level: 3, Population: 1_500, OccupiedBlocks: 2, IsCapital: true, Visibility: Visibility.Everyone),
            ct: Ct);

        Assert.Equal(["population"], result.ChangedFields);
        Assert.Equal(2, result.Revision);
        Assert.Equal(sequence + 1, await fixture.EventSequenceAsync());
        var committed = Assert.Single(fixture.Observer.CommittedChanges);
        Assert.Equal(["population"], Assert.Single(committed.Changes).ChangedFields);
    }

    private sealed record NoOpCase(Func<DomainFixture, Task<long>> StoredRevision, Func<DomainFixture, Task<UpdateResult>> Update);
}
