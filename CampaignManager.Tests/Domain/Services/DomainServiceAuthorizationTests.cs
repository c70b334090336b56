using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Demo;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;
using CampaignManager.Tests.Domain.DomainTestSupport;
using static CampaignManager.Tests.Domain.DomainTestSupport.AccessOutcome;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>
/// The role matrix of ARCHITECTURE.md §3, for every query and command of every domain service: outsiders
/// learn nothing (not found, never forbidden), observers only read, players edit what they can see but not
/// the campaign's structure, game masters run the world, owners and site admins also manage members.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DomainServiceAuthorizationTests
{
    private static readonly string[] Roles =
        [nameof(DemoActors.Outsider), nameof(DemoActors.Observer), nameof(DemoActors.Player), nameof(DemoActors.GameMasterNotOwner), nameof(DemoActors.GameMaster), nameof(DemoActors.Admin)];

    // Expected outcome per role, in the order of Roles.
    private static readonly AccessOutcome[] AnyUser = [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed];
    private static readonly AccessOutcome[] Readers = [NotFound, Allowed, Allowed, Allowed, Allowed, Allowed];
    private static readonly AccessOutcome[] Editors = [NotFound, Forbidden, Allowed, Allowed, Allowed, Allowed];
    private static readonly AccessOutcome[] GameMasters = [NotFound, Forbidden, Forbidden, Allowed, Allowed, Allowed];
    private static readonly AccessOutcome[] Owners = [NotFound, Forbidden, Forbidden, Forbidden, Allowed, Allowed];

    private static readonly Dictionary<string, Operation> Operations = new()
    {
        // Campaigns
        ["campaign.get"] = Query(Readers, async (f, a) => Assert.Equal(DemoCampaign.Name, (await f.Campaigns.GetAsync(a, f.CampaignId, Ct)).Name)),
        ["campaign.create"] = Command(AnyUser, (f, a) => f.Campaigns.CreateAsync(a, "The Stolen Lands", ct: Ct)),
        ["campaign.update"] = Command(GameMasters, (f, a) => f.Campaigns.UpdateAsync(a, f.CampaignId, new CampaignUpdate(Description: "Winter came early."), ct: Ct)),
        ["campaign.delete"] = Command(Owners, (f, a) => f.Campaigns.DeleteAsync(a, f.CampaignId, Ct)),

        // Members
        ["members.list"] = Query(Readers, async (f, a) => Assert.Contains(await f.Members.ListAsync(a, f.CampaignId, Ct), m => m.DisplayName == "Mara")),
        ["members.add"] = Command(Owners, (f, a) => f.Members.AddAsync(a, f.CampaignId, DemoActors.NewcomerEmail, CampaignRole.Player, Ct)),
        ["members.changeRole"] = Command(Owners, (f, a) => f.Members.ChangeRoleAsync(a, f.CampaignId, DemoActors.Player2.UserId, CampaignRole.Observer, Ct)),
        ["members.remove"] = Command(Owners, (f, a) => f.Members.RemoveAsync(a, f.CampaignId, DemoActors.Player2.UserId, Ct)),

        // Kingdoms
        ["kingdom.get"] = Query(Readers, async (f, a) => Assert.Equal("Vellmark", (await f.Kingdoms.GetAsync(a, f.VellmarkId, Ct)).Name)),
        ["kingdom.create"] = Command(GameMasters, (f, a) => f.Kingdoms.CreateAsync(a, f.CampaignId, new KingdomInput("Pitax"), Ct)),
        ["kingdom.update"] = Command(Editors, (f, a) => f.Kingdoms.UpdateAsync(a, f.VellmarkId, new KingdomUpdate(Unrest: 4), ct: Ct)),
        ["kingdom.changeVisibility"] = Command(GameMasters, (f, a) => f.Kingdoms.UpdateAsync(a, f.VellmarkId, new KingdomUpdate(Visibility: Visibility.GameMasters), ct: Ct)),
        ["kingdom.delete"] = Command(GameMasters, (f, a) => f.Kingdoms.DeleteAsync(a, f.VellmarkId, ct: Ct)),

        // Settlements
        ["settlement.get"] = Query(Readers, async (f, a) => Assert.Equal("Tallowford", (await f.Settlements.GetAsync(a, f.TallowfordId, Ct)).Name)),
        ["settlement.create"] = Command(Editors, (f, a) => f.Settlements.CreateAsync(a, f.VellmarkId, new SettlementInput("Oakmere"), Ct)),
        ["settlement.createGameMasterOnly"] = Command(GameMasters, (f, a) => f.Settlements.CreateAsync(a, f.VellmarkId, new SettlementInput("Hidden Hollow", Visibility: Visibility.GameMasters), Ct)),
        ["settlement.update"] = Command(Editors, (f, a) => f.Settlements.UpdateAsync(a, f.TallowfordId, new SettlementUpdate(Population: 350), ct: Ct)),
        ["settlement.changeVisibility"] = Command(GameMasters, (f, a) => f.Settlements.UpdateAsync(a, f.TallowfordId, new SettlementUpdate(Visibility: Visibility.GameMasters), ct: Ct)),
        ["settlement.setVariables"] = Command(Editors, (f, a) => f.Settlements.SetVariablesAsync(a, f.BrindleholdId, Values(("militia", "45")), ct: Ct)),
        ["settlement.setSchemas"] = Command(GameMasters, (f, a) => f.Settlements.SetVariableSchemasAsync(a, f.TallowfordId, [new VariableSchema("ferry", "Ferry", VariableType.Boolean)], ct: Ct)),
        ["settlement.delete"] = Command(Editors, (f, a) => f.Settlements.DeleteAsync(a, f.TallowfordId, ct: Ct)),

        // Structures
        ["structure.get"] = Query(Readers, async (f, a) => Assert.Equal("Mill", (await f.Structures.GetAsync(a, f.MillId, Ct)).Name)),
        ["structure.create"] = Command(Editors, (f, a) => f.Structures.CreateAsync(a, f.TallowfordId, new StructureInput("granary"), Ct)),
        ["structure.createGameMasterOnly"] = Command(GameMasters, (f, a) => f.Structures.CreateAsync(a, f.TallowfordId, new StructureInput("granary", Visibility: Visibility.GameMasters), Ct)),
        ["structure.update"] = Command(Editors, (f, a) => f.Structures.UpdateAsync(a, f.MillId, new StructureUpdate(Level: 3), ct: Ct)),
        ["structure.changeVisibility"] = Command(GameMasters, (f, a) => f.Structures.UpdateAsync(a, f.MillId, new StructureUpdate(Visibility: Visibility.GameMasters), ct: Ct)),
        ["structure.setVariables"] = Command(Editors, (f, a) => f.Structures.SetVariablesAsync(a, f.PopularTavernId, Values(("rooms", "8")), ct: Ct)),
        ["structure.setSchemas"] = Command(GameMasters, (f, a) => f.Structures.SetVariableSchemasAsync(a, f.MillId, [new VariableSchema("millstones", "Millstones", VariableType.Integer)], ct: Ct)),
        ["structure.delete"] = Command(Editors, (f, a) => f.Structures.DeleteAsync(a, f.MillId, ct: Ct)),

        // World time
        ["worldTime.advance"] = Command(GameMasters, (f, a) => f.WorldTime.AdvanceAsync(a, f.CampaignId, 3600, ct: Ct)),
        ["worldTime.rewind"] = Command(GameMasters, (f, a) => f.WorldTime.AdvanceAsync(a, f.CampaignId, -3600, ct: Ct)),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, AccessOutcome> Matrix
    {
        get
        {
            var data = new TheoryData<string, string, AccessOutcome>();
            foreach (var (name, operation) in Operations)
            {
                for (var i = 0; i < Roles.Length; i++)
                {
                    data.Add(name, Roles[i], operation.Expected[i]);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task WhenActorInvokesOperation_ThenTheRoleDecidesTheOutcome(string operation, string actor, AccessOutcome expected)
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var op = Operations[operation];
        var who = DemoActors.ByName(actor);

        switch (expected)
        {
            case Allowed:
                var before = await fixture.SnapshotAsync();
                await op.Run(fixture, who);
                var after = await fixture.SnapshotAsync();
                if (op.IsCommand)
                {
                    Assert.NotEqual(before, after);
                }
                else
                {
                    Assert.Equal(before, after);
                }

                break;
            case Forbidden:
                await DomainAssert.RejectedWithoutTraceAsync<ForbiddenException>(fixture, () => op.Run(fixture, who));
                break;
            case NotFound:
                await DomainAssert.RejectedWithoutTraceAsync<NotFoundException>(fixture, () => op.Run(fixture, who));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(expected), expected, null);
        }
    }

    [Theory]
    [InlineData(nameof(DemoActors.Observer), CampaignRole.Observer)]
    [InlineData(nameof(DemoActors.Player), CampaignRole.Player)]
    [InlineData(nameof(DemoActors.GameMasterNotOwner), CampaignRole.GameMaster)]
    [InlineData(nameof(DemoActors.GameMaster), CampaignRole.Owner)]
    public async Task WhenMemberListsCampaigns_ThenTheDemoCampaignIsListedWithTheirRole(string actor, CampaignRole role)
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var campaigns = await fixture.Campaigns.ListAsync(DemoActors.ByName(actor), Ct);

        var summary = Assert.Single(campaigns);
        Assert.Equal(fixture.CampaignId, summary.Id);
        Assert.Equal(role, summary.Role);
    }

    [Fact]
    public async Task WhenOutsiderListsCampaigns_ThenNothingIsListed()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        Assert.Empty(await fixture.Campaigns.ListAsync(DemoActors.Outsider, Ct));
    }

    [Fact]
    public async Task WhenOutsiderCreatesCampaign_ThenTheyOwnItAndSeeOnlyIt()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var id = await fixture.Campaigns.CreateAsync(DemoActors.Outsider, "  The Stolen Lands  ", ct: Ct);

        var summary = Assert.Single(await fixture.Campaigns.ListAsync(DemoActors.Outsider, Ct));
        Assert.Equal(id, summary.Id);
        Assert.Equal("The Stolen Lands", summary.Name);
        Assert.Equal(CampaignRole.Owner, summary.Role);
        await Assert.ThrowsAsync<NotFoundException>(() => fixture.Campaigns.GetAsync(DemoActors.Player, id, Ct));
    }

    [Fact]
    public async Task WhenOutsiderAsksForAnUnknownId_ThenTheAnswerIsTheSameAsForAnExistingOne()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => fixture.Settlements.GetAsync(DemoActors.Outsider, Guid.CreateVersion7(), Ct));
        var existing = await Assert.ThrowsAsync<NotFoundException>(() => fixture.Settlements.GetAsync(DemoActors.Outsider, fixture.TallowfordId, Ct));

        Assert.Equal(unknown.Message, existing.Message);
    }

    private static Operation Query(AccessOutcome[] expected, Func<DomainFixture, Actor, Task> run) => new(expected, IsCommand: false, run);

    private static Operation Command(AccessOutcome[] expected, Func<DomainFixture, Actor, Task> run) => new(expected, IsCommand: true, run);

    private static Dictionary<string, string?> Values(params (string Key, string? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value);

    private sealed record Operation(AccessOutcome[] Expected, bool IsCommand, Func<DomainFixture, Actor, Task> Run);
}
