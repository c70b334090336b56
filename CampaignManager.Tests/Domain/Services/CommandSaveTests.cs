using CampaignManager.Domain.Common;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Tests.Domain.DomainTestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>
/// What a command saves and diffs against, now that it scans the tracked tree once per save and takes
/// the "before" derived values from the cache when they are current.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CommandSaveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenASettlementIsRenamedTwice_ThenItsStoredRevisionGrowsByOneEachTime()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var before = (await fixture.SettlementRowAsync(fixture.TallowfordId)).Revision;

        var first = await fixture.Settlements.UpdateAsync(DemoActors.GameMaster, fixture.TallowfordId, new SettlementUpdate(Name: "Tallowmere"), before, Ct);
        var second = await fixture.Settlements.UpdateAsync(DemoActors.GameMaster, fixture.TallowfordId, new SettlementUpdate(Name: "Tallowford"), first.Revision, Ct);

        Assert.Equal(before + 1, first.Revision);
        Assert.Equal(before + 2, second.Revision);
        var row = await fixture.SettlementRowAsync(fixture.TallowfordId);
        Assert.Equal(before + 2, row.Revision);
        Assert.Equal("Tallowford", row.Name);
    }

    [Fact]
    public async Task WhenAStructureIsBuilt_ThenItIsStoredWithRevisionOne()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var shrine = await fixture.Structures.CreateAsync(DemoActors.GameMaster, fixture.BrindleholdId, new StructureInput("shrine", Block: 3), Ct);

        Assert.Equal(1, shrine.Revision);
        Assert.Equal(1, (await fixture.ReadAsync(db => db.Structures.FindAsync([shrine.Id], Ct).AsTask()))!.Revision);
    }

    [Fact]
    public async Task WhenAnotherInstanceMadeBrindleholdOvercrowded_ThenThisInstancesNextRenameReportsNoDerivedChange()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var otherInstance = fixture.CreateServices(new DerivedValuesService(NullLogger<DerivedValuesService>.Instance));
        // This instance caches the values as they are: Brindlehold is not overcrowded.
        Assert.False((await fixture.Settlements.GetAsync(DemoActors.GameMaster, fixture.BrindleholdId, Ct)).Derived!.Overcrowded);

        await otherInstance.Structures.CreateAsync(DemoActors.GameMaster, fixture.BrindleholdId, new StructureInput("shrine", Block: 3), Ct);
        await fixture.Settlements.UpdateAsync(DemoActors.GameMaster, fixture.TallowfordId, new SettlementUpdate(Name: "Tallowmere"), ct: Ct);

        // Diffed against this instance's stale cache, the rename would repeat "Brindlehold became overcrowded".
        var rename = fixture.Observer.CommittedChanges[^1];
        Assert.Empty(rename.DerivedChanges);
        Assert.True((await fixture.Settlements.GetAsync(DemoActors.GameMaster, fixture.BrindleholdId, Ct)).Derived!.Overcrowded);
    }

    [Fact]
    public async Task WhenThisInstanceCrowdsThenUncrowdsBrindlehold_ThenEachCommitReportsItsOwnOvercrowdedChange()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var signals = new List<DerivedValuesChangedSignal>();
        fixture.Derived.Changed += signals.Add;

        await fixture.Settlements.UpdateAsync(DemoActors.GameMaster, fixture.BrindleholdId, new SettlementUpdate(OccupiedBlocks: 3), ct: Ct);
        await fixture.Settlements.UpdateAsync(DemoActors.GameMaster, fixture.TallowfordId, new SettlementUpdate(Name: "Tallowmere"), ct: Ct);
        await fixture.Settlements.UpdateAsync(DemoActors.GameMaster, fixture.BrindleholdId, new SettlementUpdate(OccupiedBlocks: 2), ct: Ct);

        Assert.Equal(2, signals.Count);
        Assert.True(signals[0].Values[Visibility.GameMasters].Kingdoms.SelectMany(k => k.Settlements).Single(s => s.SettlementId == fixture.BrindleholdId).Overcrowded);
        Assert.False(signals[1].Values[Visibility.GameMasters].Kingdoms.SelectMany(k => k.Settlements).Single(s => s.SettlementId == fixture.BrindleholdId).Overcrowded);
        Assert.All(signals, s => Assert.Contains(s.Changes[Visibility.GameMasters], c => c.EntityId == fixture.BrindleholdId && c.ChangedValues.Contains(DerivedValueNames.Overcrowded)));
        Assert.Empty(fixture.Observer.CommittedChanges[1].DerivedChanges);
    }

    [Fact]
    public async Task WhenACommandCommits_ThenEachEventItHandsOnCarriesTheEnvelopeItStored()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await fixture.Settlements.UpdateAsync(DemoActors.GameMaster, fixture.TallowfordId, new SettlementUpdate(Name: "Tallowmere"), ct: Ct);

        var committed = Assert.Single(fixture.Observer.CommittedChanges);
        Assert.NotEmpty(committed.Events);
        foreach (var row in committed.Events)
        {
            // Publishing takes the built envelope instead of parsing the stored one: they must be the same event.
            Assert.NotNull(row.Built);
            Assert.Equal(row.Envelope, row.Built.ToJson());
            var stored = await fixture.ReadAsync(db => db.Events.SingleAsync(e => e.Id == row.Id, Ct));
            Assert.Equal(row.Envelope, stored.Envelope);
            Assert.Null(stored.Built);
        }
    }
}
