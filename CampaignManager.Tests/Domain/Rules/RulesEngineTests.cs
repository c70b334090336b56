using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;

namespace CampaignManager.Tests.Domain.Rules;

public sealed class RulesEngineTests
{
    private static readonly CampaignDerivedValues Demo = RulesEngine.Compute(DemoKingdom.Create());

    // The demo numbers DOMAIN.md promises.

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenResourceDiceAre7d6()
    {
        var dice = Demo.Kingdom().ResourceDice;

        Assert.Equal(new ResourceDice(7, 6), dice);
        Assert.Equal("7d6", dice.ToString());
    }

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenControlDcIs17() => Assert.Equal(17, Demo.Kingdom().ControlDc);

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenUnrestPenaltyIsMinusOne() => Assert.Equal(-1, Demo.Kingdom().UnrestPenalty);

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenKingdomConsumesOneFood() => Assert.Equal(1, Demo.Kingdom().FoodConsumption);

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenEverySettlementConsumesOne()
    {
        Assert.Equal(1, Demo.Settlement(DemoKingdom.BrindleholdId).Consumption);
        Assert.Equal(1, Demo.Settlement(DemoKingdom.TallowfordId).Consumption);
        Assert.Equal(1, Demo.Settlement(DemoKingdom.GreywaterLandingId).Consumption);
    }

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenBrindleholdIsNotOvercrowded()
    {
        var brindlehold = Demo.Settlement(DemoKingdom.BrindleholdId);

        Assert.False(brindlehold.Overcrowded);
        Assert.Equal(2, brindlehold.ResidentialLots);
    }

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenHarvestCropsHasPlusOne()
    {
        Assert.Equal(1, Demo.Settlement(DemoKingdom.BrindleholdId).ItemBonuses[KingdomChecks.HarvestCrops]);
        Assert.Equal(1, Demo.Kingdom().ItemBonuses[KingdomChecks.HarvestCrops]);
    }

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenOnlyTheCounselorVacancyPenaltyApplies()
    {
        var penalty = Assert.Single(Demo.Kingdom().VacancyPenalties);

        Assert.Equal(new VacancyPenalty(LeadershipSeat.Counselor, "\u22121 to Culture-based checks", -1), penalty);
    }

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenAbilityModifiersFollowTheScores()
    {
        var modifiers = Demo.Kingdom().AbilityModifiers;

        Assert.Equal(2, modifiers[KingdomAbility.Culture]);
        Assert.Equal(1, modifiers[KingdomAbility.Economy]);
        Assert.Equal(2, modifiers[KingdomAbility.Loyalty]);
        Assert.Equal(3, modifiers[KingdomAbility.Stability]);
    }

    [Fact]
    public void WhenDemoKingdomIsComputed_ThenStorageAddsToTheSizeBase()
    {
        var capacity = Demo.Kingdom().CommodityCapacity;

        // 12 hexes → base 8; Granary +1 Food, Lumberyard +1 Lumber.
        Assert.Equal(9, capacity[Commodity.Food]);
        Assert.Equal(9, capacity[Commodity.Lumber]);
        Assert.Equal(8, capacity[Commodity.Luxuries]);
        Assert.Equal(8, capacity[Commodity.Ore]);
        Assert.Equal(8, capacity[Commodity.Stone]);
    }

    // The demo's "changes worth trying".

    [Fact]
    public void WhenAShrineIsBuiltInAThirdBlockOfBrindlehold_ThenItIsOvercrowded()
    {
        var values = RulesEngine.Compute(DemoKingdom.WithSettlement(
            DemoKingdom.BrindleholdId,
            s => s.AddStructures("shrine") with { OccupiedBlocks = 3 }));

        Assert.True(values.Settlement(DemoKingdom.BrindleholdId).Overcrowded);
    }

    [Fact]
    public void WhenUnrestRisesFromFourToFive_ThenPenaltyMovesToMinusTwo()
    {
        var atFour = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { Unrest = 4 }));
        var atFive = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { Unrest = 5 }));

        Assert.Equal(-1, atFour.Kingdom().UnrestPenalty);
        Assert.Equal(-2, atFive.Kingdom().UnrestPenalty);
    }

    [Fact]
    public void WhenTheMillIsDemolished_ThenBrindleholdAndKingdomConsumptionRiseToTwo()
    {
        var values = RulesEngine.Compute(DemoKingdom.WithSettlement(DemoKingdom.BrindleholdId, s => s.RemoveStructure("mill")));

        Assert.Equal(2, values.Settlement(DemoKingdom.BrindleholdId).Consumption);
        Assert.Equal(2, values.Kingdom().FoodConsumption);
        Assert.False(values.Kingdom().ItemBonuses.ContainsKey(KingdomChecks.HarvestCrops));
    }

    [Fact]
    public void WhenKingdomReachesLevelFour_ThenResourceDiceAre8d6AndControlDcIs19()
    {
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { Level = 4 })).Kingdom();

        Assert.Equal("8d6", kingdom.ResourceDice.ToString());
        Assert.Equal(19, kingdom.ControlDc);
    }

    [Fact]
    public void WhenACounselorIsAppointed_ThenTheVacancyPenaltyDisappears()
    {
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { VacantSeats = new HashSet<LeadershipSeat>() })).Kingdom();

        Assert.Empty(kingdom.VacancyPenalties);
    }

    // Rules at their edges.

    [Theory]
    [InlineData(10, 0)]
    [InlineData(11, 0)]
    [InlineData(12, 1)]
    [InlineData(19, 4)]
    [InlineData(9, -1)]
    [InlineData(8, -1)]
    [InlineData(7, -2)]
    [InlineData(1, -5)]
    public void WhenAbilityScoreIsSet_ThenModifierIsRoundedDown(int score, int expectedModifier)
    {
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with
        {
            AbilityScores = new Dictionary<KingdomAbility, int>(k.AbilityScores) { [KingdomAbility.Economy] = score },
        })).Kingdom();

        Assert.Equal(expectedModifier, kingdom.AbilityModifiers[KingdomAbility.Economy]);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(9, 4)]
    [InlineData(10, 6)]
    [InlineData(24, 6)]
    [InlineData(25, 8)]
    [InlineData(49, 8)]
    [InlineData(50, 10)]
    [InlineData(99, 10)]
    [InlineData(100, 12)]
    [InlineData(400, 12)]
    public void WhenKingdomSizeCrossesABand_ThenResourceDieSizeFollows(int sizeHexes, int expectedDieSize)
    {
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { SizeHexes = sizeHexes })).Kingdom();

        Assert.Equal(expectedDieSize, kingdom.ResourceDice.DieSize);
    }

    [Theory]
    [InlineData(9, 16)]
    [InlineData(10, 17)]
    [InlineData(24, 17)]
    [InlineData(25, 18)]
    [InlineData(49, 18)]
    [InlineData(50, 19)]
    [InlineData(99, 19)]
    [InlineData(100, 20)]
    public void WhenKingdomSizeCrossesABand_ThenControlDcAddsTheSizeModifier(int sizeHexes, int expectedDc)
    {
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { SizeHexes = sizeHexes })).Kingdom();

        Assert.Equal(expectedDc, kingdom.ControlDc);
    }

    [Theory]
    [InlineData(1, 14)]
    [InlineData(2, 15)]
    [InlineData(3, 16)]
    [InlineData(4, 18)]
    [InlineData(5, 20)]
    [InlineData(6, 22)]
    [InlineData(7, 23)]
    [InlineData(8, 24)]
    [InlineData(9, 26)]
    [InlineData(10, 27)]
    [InlineData(11, 28)]
    [InlineData(12, 30)]
    [InlineData(13, 31)]
    [InlineData(14, 32)]
    [InlineData(15, 34)]
    [InlineData(16, 35)]
    [InlineData(17, 36)]
    [InlineData(18, 38)]
    [InlineData(19, 39)]
    [InlineData(20, 40)]
    public void WhenKingdomLevelChanges_ThenControlDcFollowsTheLevelTable(int level, int expectedDc)
    {
        // Under 10 hexes the size modifier is 0, so the DC is the table's.
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { Level = level, SizeHexes = 5 })).Kingdom();

        Assert.Equal(expectedDc, kingdom.ControlDc);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, -1)]
    [InlineData(4, -1)]
    [InlineData(5, -2)]
    [InlineData(9, -2)]
    [InlineData(10, -3)]
    [InlineData(14, -3)]
    [InlineData(15, -4)]
    [InlineData(40, -4)]
    public void WhenUnrestCrossesABand_ThenPenaltyFollows(int unrest, int expectedPenalty)
    {
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { Unrest = unrest })).Kingdom();

        Assert.Equal(expectedPenalty, kingdom.UnrestPenalty);
    }

    [Theory]
    [InlineData(2, 0, 9)]
    [InlineData(0, 3, 4)]
    [InlineData(0, 20, 0)]
    public void WhenResourceDiceBonusOrPenaltyIsSet_ThenDiceCountAdjustsButNeverGoesNegative(int bonus, int penalty, int expectedCount)
    {
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with
        {
            ResourceDiceBonus = bonus,
            ResourceDicePenalty = penalty,
        })).Kingdom();

        Assert.Equal(expectedCount, kingdom.ResourceDice.Count);
    }

    [Theory]
    [InlineData(9, 4)]
    [InlineData(10, 8)]
    [InlineData(25, 12)]
    [InlineData(50, 16)]
    [InlineData(100, 20)]
    public void WhenKingdomSizeCrossesABand_ThenBaseCommodityCapacityFollows(int sizeHexes, int expectedStoneCapacity)
    {
        // Nothing in the demo stores stone, so Stone shows the bare size base.
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { SizeHexes = sizeHexes })).Kingdom();

        Assert.Equal(expectedStoneCapacity, kingdom.CommodityCapacity[Commodity.Stone]);
    }

    [Fact]
    public void WhenEverySeatIsVacant_ThenEachSeatHasOnePenaltyInSeatOrder()
    {
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with
        {
            VacantSeats = Enum.GetValues<LeadershipSeat>().ToHashSet(),
        })).Kingdom();

        Assert.Equal(Enum.GetValues<LeadershipSeat>(), kingdom.VacancyPenalties.Select(p => p.Seat));
        Assert.All(kingdom.VacancyPenalties, p => Assert.True(p.Value < 0));
        Assert.All(kingdom.VacancyPenalties, p => Assert.StartsWith($"\u2212{-p.Value} to ", p.Description));
    }

    [Theory]
    [InlineData(SettlementType.Village, 0)]
    [InlineData(SettlementType.Town, 0)]
    [InlineData(SettlementType.City, 2)]
    [InlineData(SettlementType.Metropolis, 4)]
    public void WhenASettlementHasTwoMills_ThenConsumptionDropsByTwoButNotBelowZero(SettlementType type, int expected)
    {
        var values = RulesEngine.Compute(DemoKingdom.WithSettlement(
            DemoKingdom.GreywaterLandingId,
            s => s.AddStructures("mill", "mill") with { Type = type }));

        Assert.Equal(expected, values.Settlement(DemoKingdom.GreywaterLandingId).Consumption);
    }

    [Fact]
    public void WhenFarmlandExceedsSettlementConsumption_ThenKingdomConsumptionIsZero()
    {
        var kingdom = RulesEngine.Compute(DemoKingdom.WithKingdom(k => k with { FarmlandHexes = 10 })).Kingdom();

        Assert.Equal(0, kingdom.FoodConsumption);
    }

    // Item bonus caps.

    [Theory]
    [InlineData(SettlementType.Village, 1)]
    [InlineData(SettlementType.Town, 1)]
    [InlineData(SettlementType.City, 2)]
    [InlineData(SettlementType.Metropolis, 2)]
    public void WhenTwoMillsStandInOneSettlement_ThenBonusStacksUpToTheSettlementCap(SettlementType type, int expectedBonus)
    {
        var values = RulesEngine.Compute(DemoKingdom.WithSettlement(
            DemoKingdom.GreywaterLandingId,
            s => s.AddStructures("mill", "mill") with { Type = type }));

        Assert.Equal(expectedBonus, values.Settlement(DemoKingdom.GreywaterLandingId).ItemBonuses[KingdomChecks.HarvestCrops]);
    }

    [Fact]
    public void WhenThreeMillsStandInAMetropolis_ThenBonusReachesPlusThree()
    {
        var values = RulesEngine.Compute(DemoKingdom.WithSettlement(
            DemoKingdom.GreywaterLandingId,
            s => s.AddStructures("mill", "mill", "mill", "mill") with { Type = SettlementType.Metropolis }));

        var settlement = values.Settlement(DemoKingdom.GreywaterLandingId);
        Assert.Equal(3, settlement.MaxItemBonus);
        Assert.Equal(3, settlement.ItemBonuses[KingdomChecks.HarvestCrops]);
    }

    [Fact]
    public void WhenSettlementsHaveDifferentBonuses_ThenTheKingdomTakesTheHighestSingleSettlement()
    {
        // Brindlehold (Town, one Mill) gives +1; Greywater Landing as a City with two Mills gives +2. Not +3.
        var values = RulesEngine.Compute(DemoKingdom.WithSettlement(
            DemoKingdom.GreywaterLandingId,
            s => s.AddStructures("mill", "mill") with { Type = SettlementType.City }));

        Assert.Equal(1, values.Settlement(DemoKingdom.BrindleholdId).ItemBonuses[KingdomChecks.HarvestCrops]);
        Assert.Equal(2, values.Kingdom().ItemBonuses[KingdomChecks.HarvestCrops]);
    }

    [Fact]
    public void WhenAStructureKeyIsUnknown_ThenItIsIgnored()
    {
        var values = RulesEngine.Compute(DemoKingdom.WithSettlement(
            DemoKingdom.BrindleholdId,
            s => s.AddStructures("no-such-structure")));

        Assert.Equal(Demo, values);
    }

    // Change detection relies on value equality.

    [Fact]
    public void WhenTheSameInputIsComputedTwice_ThenTheResultsAreEqualByValue()
    {
        var first = RulesEngine.Compute(DemoKingdom.Create());
        var second = RulesEngine.Compute(DemoKingdom.Create());

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void WhenOneSettlementValueDiffers_ThenTheCampaignResultsAreNotEqual()
    {
        var changed = RulesEngine.Compute(DemoKingdom.WithSettlement(
            DemoKingdom.BrindleholdId,
            s => s with { OccupiedBlocks = 3 }));

        Assert.NotEqual(Demo, changed);
    }
}
