using System.Text.Json;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Settlements;
using CampaignManager.Tests.Domain.DomainTestSupport;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>
/// The REST PATCH answers from the command's own tree instead of loading the campaign again: what it
/// answers must be exactly what a read right after the commit returns, for every audience.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SettlementUpdateAndReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(nameof(DemoActors.GameMaster))]
    [InlineData(nameof(DemoActors.Player))]
    public async Task WhenASettlementIsUpdatedAndRead_ThenTheAnswerIsWhatAReadAfterTheCommitReturns(string actorName)
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var actor = DemoActors.ByName(actorName);
        var before = await fixture.Settlements.GetAsync(actor, fixture.BrindleholdId, Ct);

        // A town becoming a city moves its derived values (consumption, item bonus), so a stale derived part would show.
        var (result, answered) = await fixture.Settlements.UpdateAndReadAsync(
            actor, fixture.BrindleholdId, new SettlementUpdate(Type: SettlementType.City, Population: before.Population + 500), before.Revision, Ct);

        var read = await fixture.Settlements.GetAsync(actor, fixture.BrindleholdId, Ct);
        Assert.Equal(["type", "population"], result.ChangedFields);
        Assert.Equal(result.Revision, answered.Revision);
        Assert.NotEqual(Json(before.Derived), Json(answered.Derived));
        Assert.Equal(Json(read), Json(answered));
    }

    [Fact]
    public async Task WhenNothingChanges_ThenTheAnswerIsTheStoredSettlement_AndNoRevisionIsSpent()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var before = await fixture.Settlements.GetAsync(DemoActors.GameMaster, fixture.TallowfordId, Ct);

        var (result, answered) = await fixture.Settlements.UpdateAndReadAsync(
            DemoActors.GameMaster, fixture.TallowfordId, new SettlementUpdate(Name: before.Name), ct: Ct);

        Assert.False(result.Changed);
        Assert.Equal(Json(before), Json(answered));
    }

    [Theory]
    [InlineData(nameof(DemoActors.Player))]
    [InlineData(nameof(DemoActors.Observer))]
    [InlineData(nameof(DemoActors.Outsider))]
    public async Task WhenSomeoneWhoMayNotSeeItUpdatesAGameMastersOnlySettlement_ThenNotFound(string actorName)
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => fixture.Settlements.UpdateAndReadAsync(
            DemoActors.ByName(actorName), fixture.GreywaterLandingId, new SettlementUpdate(Population: 1), ct: Ct));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
