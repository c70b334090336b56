using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;
using CampaignManager.Tests.Domain.DomainTestSupport;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>
/// Optimistic concurrency per entity (a stale revision is a conflict, never a silent overwrite), no false
/// conflicts between different entities of one campaign, and an event sequence that grows by exactly one
/// per committed command.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ConcurrencyTests
{
    private static readonly Dictionary<string, RevisionCase> RevisionCases = new()
    {
        ["campaign"] = new(
            async f => (await f.CampaignRowAsync()).Revision,
            async f => (await f.CampaignRowAsync()).Description,
            (f, value, expected) => f.Campaigns.UpdateAsync(DemoActors.GameMaster, f.CampaignId, new CampaignUpdate(Description: value), expected, Ct)),
        ["kingdom"] = new(
            async f => (await f.KingdomRowAsync(f.VellmarkId)).Revision,
            async f => (await f.KingdomRowAsync(f.VellmarkId)).Leadership.GetValueOrDefault(LeadershipSeat.Counselor),
            (f, value, expected) => f.Kingdoms.UpdateAsync(
                DemoActors.Player, f.VellmarkId, new KingdomUpdate(Leadership: new Dictionary<LeadershipSeat, string?> { [LeadershipSeat.Counselor] = value }), expected, Ct)),
        ["settlement"] = new(
            async f => (await f.SettlementRowAsync(f.TallowfordId)).Revision,
            async f => (await f.SettlementRowAsync(f.TallowfordId)).Name,
            (f, value, expected) => f.Settlements.UpdateAsync(DemoActors.Player, f.TallowfordId, new SettlementUpdate(Name: value), expected, Ct)),
        ["settlementVariables"] = new(
            async f => (await f.SettlementRowAsync(f.BrindleholdId)).Revision,
            async f => (await f.SettlementRowAsync(f.BrindleholdId)).Variables["militia"],
            (f, value, expected) => f.Settlements.SetVariablesAsync(DemoActors.Player, f.BrindleholdId, new Dictionary<string, string?> { ["militia"] = value }, expected, Ct),
            First: "55",
            Second: "60"),
        ["settlementSchemas"] = new(
            async f => (await f.SettlementRowAsync(f.TallowfordId)).Revision,
            async f => (await f.SettlementRowAsync(f.TallowfordId)).VariableSchemas.Single().Label,
            (f, value, expected) => f.Settlements.SetVariableSchemasAsync(DemoActors.GameMaster, f.TallowfordId, [new VariableSchema("ferry", value, VariableType.Boolean)], expected, Ct)),
        ["structure"] = new(
            async f => (await f.StructureRowAsync(f.MillId)).Revision,
            async f => (await f.StructureRowAsync(f.MillId)).Name,
            (f, value, expected) => f.Structures.UpdateAsync(DemoActors.Player, f.MillId, new StructureUpdate(Name: value), expected, Ct)),
        ["structureVariables"] = new(
            async f => (await f.StructureRowAsync(f.PopularTavernId)).Revision,
            async f => (await f.StructureRowAsync(f.PopularTavernId)).Variables["ale"],
            (f, value, expected) => f.Structures.SetVariablesAsync(DemoActors.Player, f.PopularTavernId, new Dictionary<string, string?> { ["ale"] = value }, expected, Ct)),
        ["structureSchemas"] = new(
            async f => (await f.StructureRowAsync(f.MillId)).Revision,
            async f => (await f.StructureRowAsync(f.MillId)).VariableSchemas.Single().Label,
            (f, value, expected) => f.Structures.SetVariableSchemasAsync(DemoActors.GameMaster, f.MillId, [new VariableSchema("stones", value, VariableType.Integer)], expected, Ct)),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> RevisionCaseNames => [.. RevisionCases.Keys];

    [Theory]
    [MemberData(nameof(RevisionCaseNames))]
    public async Task WhenUpdatedWithTheCurrentRevision_ThenItSucceedsAndTheRevisionGrowsByOne(string name)
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var @case = RevisionCases[name];
        var revision = await @case.Revision(fixture);

        var result = await @case.Write(fixture, @case.First, revision);

        Assert.True(result.Changed);
        Assert.Equal(revision + 1, result.Revision);
        Assert.Equal(revision + 1, await @case.Revision(fixture));
        Assert.Equal(@case.First, await @case.Stored(fixture));
    }

    [Theory]
    [MemberData(nameof(RevisionCaseNames))]
    public async Task WhenUpdatedWithAStaleRevision_ThenConflictAndTheStoredValueIsUnchanged(string name)
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var @case = RevisionCases[name];
        var stale = await @case.Revision(fixture);
        await @case.Write(fixture, @case.First, stale);

        var conflict = await DomainAssert.RejectedWithoutTraceAsync<ConcurrencyConflictException>(
            fixture, () => @case.Write(fixture, @case.Second, stale));

        Assert.Contains("Reload", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(@case.First, await @case.Stored(fixture));
        Assert.Equal(stale + 1, await @case.Revision(fixture));
    }

    [Fact]
    public async Task WhenDeletedWithAStaleRevision_ThenConflictAndTheStructureStillStands()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var stale = (await fixture.StructureRowAsync(fixture.MillId)).Revision;
        await fixture.Structures.UpdateAsync(DemoActors.Player2, fixture.MillId, new StructureUpdate(Name: "Watermill"), stale, Ct);

        await DomainAssert.RejectedWithoutTraceAsync<ConcurrencyConflictException>(
            fixture, () => fixture.Structures.DeleteAsync(DemoActors.Player, fixture.MillId, stale, Ct));

        Assert.Equal("Watermill", (await fixture.StructureRowAsync(fixture.MillId)).Name);
    }

    [Fact]
    public async Task WhenClockIsMovedFromAStaleWorldTime_ThenConflictAndTheClockKeepsTheOtherMove()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var seen = (await fixture.Campaigns.GetAsync(DemoActors.GameMaster, fixture.CampaignId, Ct)).WorldTime;
        await fixture.WorldTime.AdvanceAsync(DemoActors.GameMasterNotOwner, fixture.CampaignId, 3_600, seen, Ct);

        await DomainAssert.RejectedWithoutTraceAsync<ConcurrencyConflictException>(
            fixture, () => fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, 86_400, seen, Ct));

        Assert.Equal(VellmarkCalendar.DemoNow + 3_600, (await fixture.CampaignRowAsync()).WorldTime);
    }

    [Fact]
    public async Task WhenClockIsMovedFromTheCurrentWorldTime_ThenItMoves()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var change = await fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, 3_600, VellmarkCalendar.DemoNow, Ct);

        Assert.Equal(VellmarkCalendar.DemoNow + 3_600, change.NewWorldTime);
        Assert.Equal(VellmarkCalendar.DemoNow + 3_600, (await fixture.CampaignRowAsync()).WorldTime);
    }

    [Fact]
    public async Task WhenTwoClientsEditDifferentStructuresFromTheSameSnapshot_ThenBothSucceed()
    {
        // Two browser tabs, two service scopes: both load before either saves.
        await using var fixture = await DomainFixture.CreateAsync();
        var oskar = fixture.CreateServices();
        var tamsin = fixture.CreateServices();
        var mill = await oskar.Structures.GetAsync(DemoActors.Player, fixture.MillId, Ct);
        var granary = await tamsin.Structures.GetAsync(DemoActors.Player2, fixture.GranaryId, Ct);

        var first = await oskar.Structures.UpdateAsync(DemoActors.Player, fixture.MillId, new StructureUpdate(Name: "Watermill"), mill.Revision, Ct);
        var second = await tamsin.Structures.UpdateAsync(DemoActors.Player2, fixture.GranaryId, new StructureUpdate(Name: "Great Granary"), granary.Revision, Ct);

        Assert.True(first.Changed);
        Assert.True(second.Changed);
        Assert.Equal("Watermill", (await fixture.StructureRowAsync(fixture.MillId)).Name);
        Assert.Equal("Great Granary", (await fixture.StructureRowAsync(fixture.GranaryId)).Name);
    }

    [Fact]
    public async Task WhenTwoClientsEditDifferentStructuresAtTheSameTime_ThenBothSucceedOneAfterTheOther()
    {
        await using var fixture = await DomainFixture.CreateAsync(parallelWriters: true);
        var oskar = fixture.CreateServices();
        var tamsin = fixture.CreateServices();
        var mill = await oskar.Structures.GetAsync(DemoActors.Player, fixture.MillId, Ct);
        var granary = await tamsin.Structures.GetAsync(DemoActors.Player2, fixture.GranaryId, Ct);
        var sequence = await fixture.EventSequenceAsync();

        var results = await Task.WhenAll(
            Task.Run(() => oskar.Structures.UpdateAsync(DemoActors.Player, fixture.MillId, new StructureUpdate(Name: "Watermill"), mill.Revision, Ct), Ct),
            Task.Run(() => tamsin.Structures.UpdateAsync(DemoActors.Player2, fixture.GranaryId, new StructureUpdate(Name: "Great Granary"), granary.Revision, Ct), Ct));

        Assert.All(results, r => Assert.True(r.Changed));
        Assert.Equal("Watermill", (await fixture.StructureRowAsync(fixture.MillId)).Name);
        Assert.Equal("Great Granary", (await fixture.StructureRowAsync(fixture.GranaryId)).Name);
        Assert.Equal(sequence + 2, await fixture.EventSequenceAsync());
        Assert.Equal([sequence + 1, sequence + 2], fixture.Observer.CommittedChanges.Select(c => c.Sequence).Order());
    }

    [Fact]
    public async Task WhenTwoClientsEditTheSameStructureAtTheSameTimeFromOneRevision_ThenExactlyOneWins()
    {
        await using var fixture = await DomainFixture.CreateAsync(parallelWriters: true);
        var oskar = fixture.CreateServices();
        var tamsin = fixture.CreateServices();
        var revision = (await fixture.StructureRowAsync(fixture.MillId)).Revision;

        var outcomes = await Task.WhenAll(
            Outcome(() => oskar.Structures.UpdateAsync(DemoActors.Player, fixture.MillId, new StructureUpdate(Name: "Watermill"), revision, Ct)),
            Outcome(() => tamsin.Structures.UpdateAsync(DemoActors.Player2, fixture.MillId, new StructureUpdate(Name: "Windmill"), revision, Ct)));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is ConcurrencyConflictException);
        var stored = await fixture.StructureRowAsync(fixture.MillId);
        Assert.Contains(stored.Name, new[] { "Watermill", "Windmill" });
        Assert.Equal(revision + 1, stored.Revision);
        Assert.Single(fixture.Observer.CommittedChanges);
    }

    [Fact]
    public async Task WhenManyCommandsRunAtTheSameTime_ThenEachGetsItsOwnSequenceNumberWithoutHoles()
    {
        await using var fixture = await DomainFixture.CreateAsync(parallelWriters: true);
        var sequence = await fixture.EventSequenceAsync();
        Guid[] structures = [fixture.MillId, fixture.GranaryId, fixture.TownHallId, fixture.PopularTavernId, fixture.TallowfordShrineId, fixture.LumberyardId];

        await Task.WhenAll(structures.Select((id, i) => Task.Run(
            () => fixture.CreateServices().Structures.UpdateAsync(DemoActors.GameMaster, id, new StructureUpdate(Level: 10 + i), ct: Ct), Ct)));

        Assert.Equal(sequence + structures.Length, await fixture.EventSequenceAsync());
        Assert.Equal(
            Enumerable.Range(1, structures.Length).Select(i => sequence + i),
            fixture.Observer.CommittedChanges.Select(c => c.Sequence).Order());
    }

    [Fact]
    public async Task WhenCommandsCommitAndFail_ThenTheEventSequenceGrowsByOnePerCommitWithoutHoles()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var start = await fixture.EventSequenceAsync();

        await fixture.Structures.UpdateAsync(DemoActors.Player, fixture.MillId, new StructureUpdate(Name: "Watermill"), ct: Ct);
        Assert.Equal(start + 1, await fixture.EventSequenceAsync());

        // Failures of every kind, and a no-op: none of them takes a number.
        await Assert.ThrowsAsync<DomainValidationException>(() => fixture.Structures.UpdateAsync(DemoActors.Player, fixture.MillId, new StructureUpdate(Level: 99), ct: Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => fixture.WorldTime.AdvanceAsync(DemoActors.Player, fixture.CampaignId, 60, ct: Ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => fixture.Structures.UpdateAsync(DemoActors.Observer, fixture.MillId, new StructureUpdate(Name: "Sawmill"), ct: Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => fixture.Structures.UpdateAsync(DemoActors.Player, fixture.InnId, new StructureUpdate(Name: "Sawmill"), ct: Ct));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => fixture.Structures.UpdateAsync(DemoActors.Player, fixture.MillId, new StructureUpdate(Name: "Sawmill"), 1, Ct));
        await Assert.ThrowsAsync<DomainValidationException>(() => fixture.Members.AddAsync(DemoActors.GameMaster, fixture.CampaignId, "nobody@example.com", CampaignRole.Player, Ct));
        await fixture.Structures.UpdateAsync(DemoActors.Player, fixture.MillId, new StructureUpdate(Name: "Watermill"), ct: Ct);
        Assert.Equal(start + 1, await fixture.EventSequenceAsync());

        await fixture.WorldTime.AdvanceAsync(DemoActors.GameMaster, fixture.CampaignId, 60, ct: Ct);
        await fixture.Kingdoms.UpdateAsync(DemoActors.Player, fixture.VellmarkId, new KingdomUpdate(Unrest: 4), ct: Ct);

        Assert.Equal(start + 3, await fixture.EventSequenceAsync());
        Assert.Equal([start + 1, start + 2, start + 3], fixture.Observer.CommittedChanges.Select(c => c.Sequence));
        Assert.Equal(start + 3, (await fixture.Campaigns.GetAsync(DemoActors.Player, fixture.CampaignId, Ct)).EventSequence);
    }

    private static async Task<Exception?> Outcome(Func<Task> act) => await Record.ExceptionAsync(() => Task.Run(act));

    /// <summary>How to read an entity's revision and one stored value, and write that value with an expected revision.</summary>
    private sealed record RevisionCase(
        Func<DomainFixture, Task<long>> Revision,
        Func<DomainFixture, Task<string?>> Stored,
        Func<DomainFixture, string, long?, Task<UpdateResult>> Write,
        string First = "Aldo Pell",
        string Second = "Wren Halloway");
}
