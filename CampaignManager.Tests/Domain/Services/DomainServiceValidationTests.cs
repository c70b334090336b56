using System.Globalization;
using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;
using CampaignManager.Domain.WorldTime;
using CampaignManager.Tests.Domain.DomainTestSupport;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>
/// Bad input is rejected with a message a person can act on (field key, and the limit that was broken),
/// before anything is saved: after each rejection the database reads back exactly as before.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DomainServiceValidationTests
{
    private static readonly string TenThousandCharacters = new('x', 10_000);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Names
        ["settlement.create.emptyName"] = new((f, a) => f.Settlements.CreateAsync(a, f.VellmarkId, new SettlementInput(""), Ct), "name", "Name is required."),
        ["settlement.create.whitespaceName"] = new((f, a) => f.Settlements.CreateAsync(a, f.VellmarkId, new SettlementInput("   \t "), Ct), "name", "Name is required."),
        ["settlement.create.hugeName"] = new((f, a) => f.Settlements.CreateAsync(a, f.VellmarkId, new SettlementInput(TenThousandCharacters), Ct), "name", "at most 100 characters", "10000"),
        ["settlement.update.emptyName"] = new((f, a) => f.Settlements.UpdateAsync(a, f.BrindleholdId, new SettlementUpdate(Name: ""), ct: Ct), "name", "Name is required."),
        ["settlement.update.whitespaceName"] = new((f, a) => f.Settlements.UpdateAsync(a, f.BrindleholdId, new SettlementUpdate(Name: "    "), ct: Ct), "name", "Name is required."),
        ["settlement.update.hugeName"] = new((f, a) => f.Settlements.UpdateAsync(a, f.BrindleholdId, new SettlementUpdate(Name: TenThousandCharacters), ct: Ct), "name", "at most 100 characters"),
        ["structure.update.emptyName"] = new((f, a) => f.Structures.UpdateAsync(a, f.MillId, new StructureUpdate(Name: " "), ct: Ct), "name", "Name is required."),
        ["structure.create.hugeName"] = new((f, a) => f.Structures.CreateAsync(a, f.TallowfordId, new StructureInput("granary", Name: TenThousandCharacters), Ct), "name", "at most 100 characters"),
        ["kingdom.update.hugeName"] = new((f, a) => f.Kingdoms.UpdateAsync(a, f.VellmarkId, new KingdomUpdate(Name: TenThousandCharacters), ct: Ct), "name", "at most 100 characters"),
        ["kingdom.create.emptyName"] = new((f, a) => f.Kingdoms.CreateAsync(a, f.CampaignId, new KingdomInput(""), Ct), "name", "Name is required."),
        ["campaign.update.whitespaceName"] = new((f, a) => f.Campaigns.UpdateAsync(a, f.CampaignId, new CampaignUpdate(Name: "  "), ct: Ct), "name", "Name is required."),
        ["campaign.update.hugeName"] = new((f, a) => f.Campaigns.UpdateAsync(a, f.CampaignId, new CampaignUpdate(Name: TenThousandCharacters), ct: Ct), "name", "at most 100 characters"),
        ["campaign.update.hugeDescription"] = new((f, a) => f.Campaigns.UpdateAsync(a, f.CampaignId, new CampaignUpdate(Description: TenThousandCharacters), ct: Ct), "description", "at most 2000 characters"),
        ["campaign.create.emptyName"] = new((f, a) => f.Campaigns.CreateAsync(a, "", ct: Ct), "name", "Name is required."),

        // Levels and numbers
        ["settlement.update.level99"] = new((f, a) => f.Settlements.UpdateAsync(a, f.BrindleholdId, new SettlementUpdate(Level: 99), ct: Ct), "level", "between 1 and 20", "99"),
        ["settlement.update.level0"] = new((f, a) => f.Settlements.UpdateAsync(a, f.BrindleholdId, new SettlementUpdate(Level: 0), ct: Ct), "level", "between 1 and 20", "got 0"),
        ["settlement.create.level99"] = new((f, a) => f.Settlements.CreateAsync(a, f.VellmarkId, new SettlementInput("Oakmere", Level: 99), Ct), "level", "between 1 and 20"),
        ["kingdom.create.level99"] = new((f, a) => f.Kingdoms.CreateAsync(a, f.CampaignId, new KingdomInput("Pitax", Level: 99), Ct), "level", "between 1 and 20"),
        ["kingdom.update.level0"] = new((f, a) => f.Kingdoms.UpdateAsync(a, f.VellmarkId, new KingdomUpdate(Level: 0), ct: Ct), "level", "between 1 and 20"),
        // Structure levels start at 0: Kingmaker's Tenement is a level-0 structure.
        ["structure.create.levelMinus1"] = new((f, a) => f.Structures.CreateAsync(a, f.TallowfordId, new StructureInput("granary", Level: -1), Ct), "level", "between 0 and 20", "got -1"),
        ["structure.update.level99"] = new((f, a) => f.Structures.UpdateAsync(a, f.MillId, new StructureUpdate(Level: 99), ct: Ct), "level", "between 0 and 20", "got 99"),
        ["settlement.update.negativePopulation"] = new((f, a) => f.Settlements.UpdateAsync(a, f.BrindleholdId, new SettlementUpdate(Population: -5), ct: Ct), "population", "between 0 and", "got -5"),
        ["settlement.create.negativePopulation"] = new((f, a) => f.Settlements.CreateAsync(a, f.VellmarkId, new SettlementInput("Oakmere", Population: -1), Ct), "population", "between 0 and"),
        ["settlement.update.blocksBelowItsStructures"] = new((f, a) => f.Settlements.UpdateAsync(a, f.BrindleholdId, new SettlementUpdate(OccupiedBlocks: 1), ct: Ct), "occupiedBlocks", "cannot be fewer than 2"),
        ["kingdom.update.negativeUnrest"] = new((f, a) => f.Kingdoms.UpdateAsync(a, f.VellmarkId, new KingdomUpdate(Unrest: -1), ct: Ct), "unrest", "between 0 and 99"),

        // Structure types
        ["structure.create.unknownType"] = new((f, a) => f.Structures.CreateAsync(a, f.BrindleholdId, new StructureInput("dragon-lair"), Ct), "catalogueKey", "'dragon-lair' is not a structure type"),
        ["structure.update.unknownType"] = new((f, a) => f.Structures.UpdateAsync(a, f.MillId, new StructureUpdate(CatalogueKey: "windmill"), ct: Ct), "catalogueKey", "'windmill' is not a structure type"),

        // Variable values
        ["structure.variables.integerAbc"] = new((f, a) => f.Structures.SetVariablesAsync(a, f.PopularTavernId, Values(("rooms", "abc")), ct: Ct), "variables.rooms", "Rooms must be a whole number", "'abc'"),
        ["structure.variables.booleanMaybe"] = new((f, a) => f.Structures.SetVariablesAsync(a, f.PopularTavernId, Values(("secretTunnel", "maybe")), ct: Ct), "variables.secretTunnel", "Secret tunnel must be true or false", "'maybe'"),
        ["settlement.variables.choiceNotInList"] = new((f, a) => f.Settlements.SetVariablesAsync(a, f.BrindleholdId, Values(("marketDay", "Moonday")), ct: Ct), "variables.marketDay", "Marketday, Feastday, Restday", "'Moonday'"),
        ["structure.variables.aboveMax"] = new((f, a) => f.Structures.SetVariablesAsync(a, f.PopularTavernId, Values(("rooms", "41")), ct: Ct), "variables.rooms", "at most 40"),
        ["settlement.variables.belowMin"] = new((f, a) => f.Settlements.SetVariablesAsync(a, f.BrindleholdId, Values(("militia", "-1")), ct: Ct), "variables.militia", "at least 0"),
        ["structure.variables.textTooLong"] = new((f, a) => f.Structures.SetVariablesAsync(a, f.PopularTavernId, Values(("ale", TenThousandCharacters)), ct: Ct), "variables.ale", "at most 500 characters"),
        ["structure.variables.unknownKey"] = new((f, a) => f.Structures.SetVariablesAsync(a, f.MillId, Values(("rooms", "3")), ct: Ct), "variables.rooms", "There is no variable 'rooms'."),

        // Variable schemas
        ["structure.schemas.duplicateKey"] = new(
            (f, a) => f.Structures.SetVariableSchemasAsync(a, f.MillId, [new("stones", "Stones", VariableType.Integer), new("Stones", "More stones", VariableType.Text)], ct: Ct),
            "variableSchemas", "'stones' is declared more than once"),
        ["structure.schemas.badKey"] = new(
            (f, a) => f.Structures.SetVariableSchemasAsync(a, f.MillId, [new("1st floor", "First floor", VariableType.Text)], ct: Ct),
            "variableSchemas", "'1st floor' must start with a letter", "at most 40"),
        ["settlement.schemas.choiceWithoutChoices"] = new(
            (f, a) => f.Settlements.SetVariableSchemasAsync(a, f.BrindleholdId, [new("festival", "Festival", VariableType.Choice)], ct: Ct),
            "variableSchemas", "Choice variable 'festival' needs at least one non-empty choice"),
        ["settlement.schemas.choiceWithEmptyList"] = new(
            (f, a) => f.Settlements.SetVariableSchemasAsync(a, f.BrindleholdId, [new("festival", "Festival", VariableType.Choice, Choices: [])], ct: Ct),
            "variableSchemas", "needs at least one non-empty choice"),
        ["settlement.schemas.minAboveMax"] = new(
            (f, a) => f.Settlements.SetVariableSchemasAsync(a, f.BrindleholdId, [new("guards", "Guards", VariableType.Integer, Min: 10, Max: 1)], ct: Ct),
            "variableSchemas", "minimum above its maximum"),

        // World time
        ["worldTime.rewindBeforeEpoch"] = new(
            (f, a) => f.WorldTime.AdvanceAsync(a, f.CampaignId, -(VellmarkCalendar.DemoNow + 1), ct: Ct), "seconds", "before the start of the calendar", "1 Deepfrost 4710"),
        ["worldTime.stepTooLarge"] = new(
            (f, a) => f.WorldTime.AdvanceAsync(a, f.CampaignId, WorldTimeService.MaxStepSeconds + 1, ct: Ct), "seconds", "at most", MaxStepDays),
        ["worldTime.rewindTooLarge"] = new(
            (f, a) => f.WorldTime.AdvanceAsync(a, f.CampaignId, -WorldTimeService.MaxStepSeconds - 1, ct: Ct), "seconds", "at most", MaxStepDays),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string MaxStepDays => (WorldTimeService.MaxStepSeconds / 86_400).ToString("N0", CultureInfo.CurrentCulture);

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task WhenInputIsInvalid_ThenAValidationErrorNamesTheFieldAndLimitAndNothingIsSaved(string name)
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var @case = Cases[name];

        await DomainAssert.InvalidAsync(fixture, () => @case.Act(fixture, DemoActors.GameMaster), @case.Field, @case.MessageFragments);
    }

    [Fact]
    public async Task WhenOneFieldOfAnUpdateIsInvalid_ThenTheValidFieldsAreNotSavedEither()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Settlements.UpdateAsync(DemoActors.Player, fixture.BrindleholdId, new SettlementUpdate(Name: "Brindlehold-on-Sellen", Level: 99, Population: 2000), ct: Ct),
            "level");

        var stored = await fixture.SettlementRowAsync(fixture.BrindleholdId);
        Assert.Equal("Brindlehold", stored.Name);
        Assert.Equal(1_450, stored.Population);
    }

    [Fact]
    public async Task WhenOneOfSeveralVariablesIsInvalid_ThenNoneIsSavedAndEveryProblemIsReported()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var exception = await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Structures.SetVariablesAsync(DemoActors.Player, fixture.PopularTavernId, Values(("ale", "Ember Stout"), ("rooms", "many")), ct: Ct),
            "variables.rooms",
            "whole number");

        Assert.DoesNotContain("variables.ale", exception.Errors.Keys);
        var stored = await fixture.StructureRowAsync(fixture.PopularTavernId);
        Assert.Equal("Goose Amber", stored.Variables["ale"]);
        Assert.Equal("6", stored.Variables["rooms"]);
    }

    [Fact]
    public async Task WhenSeveralFieldsAreInvalid_ThenEachIsReportedUnderItsOwnKey()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var exception = await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Settlements.CreateAsync(DemoActors.Player, fixture.VellmarkId, new SettlementInput(" ", Level: 0, Population: -1), Ct),
            "name");

        Assert.Equal(["level", "name", "population"], exception.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WhenWorkSiteNamesOnlyDifferInSurroundingSpaces_ThenAValidationErrorIsReportedInsteadOfACrash()
    {
        // " Quarry" and "Quarry" are the same work site once trimmed; the service must say so rather than throw
        // an ArgumentException from building its dictionary.
        await using var fixture = await DomainFixture.CreateAsync();

        await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Kingdoms.UpdateAsync(
                DemoActors.Player, fixture.VellmarkId, new KingdomUpdate(WorkSites: new Dictionary<string, int> { ["Quarry"] = 2, [" Quarry "] = 3 }), ct: Ct),
            "workSites");
    }

    private static Dictionary<string, string?> Values(params (string Key, string? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);

    private sealed record Case(Func<DomainFixture, Actor, Task> Act, string Field, params string[] MessageFragments);
}
