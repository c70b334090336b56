using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;

namespace CampaignManager.Tests.Domain.Rules;

public sealed class DerivedValuesDiffTests
{
    private static readonly CampaignDerivedValues Demo = RulesEngine.Compute(DemoKingdom.Create());

    [Fact]
    public void WhenNothingChanged_ThenThereAreNoChanges()
    {
        var recomputed = RulesEngine.Compute(DemoKingdom.Create());

        Assert.Empty(DerivedValuesDiff.Compare(Demo, recomputed));
    }

    [Fact]
    public void WhenThereIsNoPreviousComputation_ThenEveryKingdomAndSettlementIsNew()
    {
        var changes = DerivedValuesDiff.Compare(null, Demo);

        Assert.Equal(
            [
                (DerivedValuesChange.KingdomScope, DemoKingdom.VellmarkId),
                (DerivedValuesChange.SettlementScope, DemoKingdom.BrindleholdId),
                (DerivedValuesChange.SettlementScope, DemoKingdom.TallowfordId),
                (DerivedValuesChange.SettlementScope, DemoKingdom.GreywaterLandingId),
            ],
            changes.Select(c => (c.Scope, c.EntityId)));
        Assert.Contains(DerivedValueNames.ControlDc, changes[0].ChangedValues);
        Assert.Contains(DerivedValueNames.Overcrowded, changes[1].ChangedValues);
    }

    [Fact]
    public void WhenOnlyBrindleholdsBlocksGrow_ThenExactlyItsOvercrowdingChanged()
    {
        var current = RulesEngine.Compute(DemoKingdom.WithSettlement(DemoKingdom.BrindleholdId, s => s with { OccupiedBlocks = 3 }));

        var change = Assert.Single(DerivedValuesDiff.Compare(Demo, current));

        Assert.Equal(
            new DerivedValuesChange(DerivedValuesChange.SettlementScope, DemoKingdom.BrindleholdId, [DerivedValueNames.Overcrowded]),
            change);
    }

    [Fact]
    public void WhenAShrineIsBuiltInAThirdBlockOfBrindlehold_ThenTheDiffNamesBrindleholdOvercrowded()
    {
        var current = RulesEngine.Compute(DemoKingdom.WithSettlement(
            DemoKingdom.BrindleholdId,
            s => s.AddStructures("shrine") with { OccupiedBlocks = 3 }));

        var change = Assert.Single(DerivedValuesDiff.Compare(Demo, current));

        Assert.Equal(DerivedValuesChange.SettlementScope, change.Scope);
        Assert.Equal(DemoKingdom.BrindleholdId, change.EntityId);
        Assert.Contains(DerivedValueNames.Overcrowded, change.ChangedValues);
    }

    [Fact]
    public void WhenUnrestRisesFromFourToFive_ThenExactlyTheKingdomsUnrestPenaltyChanged()
    {
        var atFour = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { Unrest = 4 }));
        var atFive = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { Unrest = 5 }));

        var change = Assert.Single(DerivedValuesDiff.Compare(atFour, atFive));

        Assert.Equal(
            new DerivedValuesChange(DerivedValuesChange.KingdomScope, DemoKingdom.VellmarkId, [DerivedValueNames.UnrestPenalty]),
            change);
    }

    [Fact]
    public void WhenUnrestChangesWithinABand_ThenNothingChanged()
    {
        var current = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { Unrest = 4 }));

        Assert.Empty(DerivedValuesDiff.Compare(Demo, current));
    }

    [Fact]
    public void WhenTheMillIsDemolished_ThenBrindleholdAndTheKingdomReportTheirChanges()
    {
        var current = RulesEngine.Compute(DemoKingdom.WithSettlement(DemoKingdom.BrindleholdId, s => s.RemoveStructure("mill")));

        var changes = DerivedValuesDiff.Compare(Demo, current);

        Assert.Equal(2, changes.Count);
        Assert.Equal(
            new DerivedValuesChange(
                DerivedValuesChange.KingdomScope,
                DemoKingdom.VellmarkId,
                [DerivedValueNames.FoodConsumption, DerivedValueNames.ItemBonuses]),
            changes[0]);
        Assert.Equal(
            new DerivedValuesChange(
                DerivedValuesChange.SettlementScope,
                DemoKingdom.BrindleholdId,
                [DerivedValueNames.Consumption, DerivedValueNames.ItemBonuses]),
            changes[1]);
    }

    [Fact]
    public void WhenACounselorIsAppointed_ThenExactlyTheVacancyPenaltiesChanged()
    {
        var current = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { VacantSeats = new HashSet<LeadershipSeat>() }));

        var change = Assert.Single(DerivedValuesDiff.Compare(Demo, current));

        Assert.Equal(DemoKingdom.VellmarkId, change.EntityId);
        Assert.Equal([DerivedValueNames.VacancyPenalties], change.ChangedValues);
    }

    [Fact]
    public void WhenASettlementDisappears_ThenItIsReportedAsRemoved()
    {
        var current = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with
        {
            Settlements = [.. k.Settlements.Where(s => s.SettlementId != DemoKingdom.GreywaterLandingId)],
        }));

        var changes = DerivedValuesDiff.Compare(Demo, current);

        Assert.Contains(
            new DerivedValuesChange(DerivedValuesChange.SettlementScope, DemoKingdom.GreywaterLandingId, [DerivedValueNames.Removed]),
            changes);
    }
}
