using System.Text.Json;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Settlements;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;

namespace CampaignManager.Tests.Web.State;

/// <summary>
/// One instance's circuits share the results of reducing an event (<see cref="SharedCampaignReductions"/>):
/// circuits holding equal states end up holding the same objects, and a circuit whose state differs
/// always gets the result of its own state, never another circuit's.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Unit)]
public class SharedCampaignReductionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenTwoCircuitsLoadEqualViews_ThenTheyHoldOneViewAndShareEachEventsResult()
    {
        await using var domain = await DomainFixture.CreateAsync();
        var shared = new SharedCampaignReductions();
        var player = DemoActors.Player;
        var first = Loaded(shared, await domain.Campaigns.GetAsync(player, domain.CampaignId, Ct));
        var second = Loaded(shared, await domain.Campaigns.GetAsync(player, domain.CampaignId, Ct));
        var unshared = await domain.Campaigns.GetAsync(player, domain.CampaignId, Ct);
        Assert.Same(first.Value.Campaign, second.Value.Campaign);

        await domain.Settlements.UpdateAsync(DemoActors.GameMaster, domain.TallowfordId, new SettlementUpdate(Name: "Tallowford Crossing"), ct: Ct);
        var rename = PlayersEvents(domain).Single();
        // Each circuit gets its own copy of the event (as from the log); the event's id is what counts.
        Reduce(first, CampaignEventEnvelope.FromJson(rename.Envelope));
        Reduce(second, CampaignEventEnvelope.FromJson(rename.Envelope));

        Assert.Same(first.Value.Campaign, second.Value.Campaign);
        Assert.Same(first.Value.Activity, second.Value.Activity);
        Assert.Same(first.Value.Flashing, second.Value.Flashing);
        Assert.Equal(Content(CampaignEventReducer.Apply(unshared, CampaignEventEnvelope.FromJson(rename.Envelope))), Content(first.Value.Campaign!));
        Assert.Equal("Tallowford Crossing", SettlementName(second, domain.TallowfordId));
        Assert.True(second.Value.Flashing.IsLit(domain.TallowfordId));
    }

    [Fact]
    public async Task WhenTwoCircuitsLoadEqualViews_ThenTheyHoldOneStateObjectBeforeAndAfterAnEvent()
    {
        await using var domain = await DomainFixture.CreateAsync();
        var shared = new SharedCampaignReductions();
        var first = Loaded(shared, await domain.Campaigns.GetAsync(DemoActors.Player, domain.CampaignId, Ct));
        var second = Loaded(shared, await domain.Campaigns.GetAsync(DemoActors.Player, domain.CampaignId, Ct));
        Assert.Same(first.Value, second.Value);

        await domain.Settlements.UpdateAsync(DemoActors.GameMaster, domain.TallowfordId, new SettlementUpdate(Name: "Tallowford Crossing"), ct: Ct);
        var rename = PlayersEvents(domain).Single();
        Reduce(first, CampaignEventEnvelope.FromJson(rename.Envelope));
        Reduce(second, CampaignEventEnvelope.FromJson(rename.Envelope));

        // One object for both circuits, not an equal copy each.
        Assert.Same(first.Value, second.Value);
        Assert.Equal("Tallowford Crossing", SettlementName(second, domain.TallowfordId));
    }

    [Fact]
    public async Task WhenTwoCircuitsAreAtDifferentStreamPositions_ThenEachGetsTheResultOfItsOwnState()
    {
        await using var domain = await DomainFixture.CreateAsync();
        var shared = new SharedCampaignReductions();
        var player = DemoActors.Player;
        var gm = DemoActors.GameMaster;
        var behind = Loaded(shared, await domain.Campaigns.GetAsync(player, domain.CampaignId, Ct));
        await domain.Settlements.UpdateAsync(gm, domain.TallowfordId, new SettlementUpdate(Name: "Tallowford Crossing"), ct: Ct);
        var ahead = Loaded(shared, await domain.Campaigns.GetAsync(player, domain.CampaignId, Ct));
        await domain.Settlements.UpdateAsync(gm, domain.BrindleholdId, new SettlementUpdate(Name: "Brindlehold Keep"), ct: Ct);
        var events = PlayersEvents(domain);
        var renameBrindlehold = CampaignEventEnvelope.FromJson(events[1].Envelope);
        Assert.NotSame(behind.Value.Campaign, ahead.Value.Campaign);

        // The same event reaches both: the circuit ahead first, then the one behind (which a session
        // would never do over a gap; the reducer must still not hand it the other circuit's result).
        Reduce(ahead, renameBrindlehold);
        Reduce(behind, renameBrindlehold);

        Assert.NotSame(ahead.Value.Campaign, behind.Value.Campaign);
        Assert.Equal("Tallowford Crossing", SettlementName(ahead, domain.TallowfordId));
        Assert.Equal("Tallowford", SettlementName(behind, domain.TallowfordId));
        Assert.Equal("Brindlehold Keep", SettlementName(behind, domain.BrindleholdId));

    }

    [Fact]
    public async Task WhenOneSharedStateReceivesTwoDifferentEvents_ThenEachCircuitGetsTheResultOfItsEvent()
    {
        await using var domain = await DomainFixture.CreateAsync();
        var shared = new SharedCampaignReductions();
        var player = DemoActors.Player;
        var gm = DemoActors.GameMaster;
        var first = Loaded(shared, await domain.Campaigns.GetAsync(player, domain.CampaignId, Ct));
        var second = Loaded(shared, await domain.Campaigns.GetAsync(player, domain.CampaignId, Ct));
        await domain.Settlements.UpdateAsync(gm, domain.TallowfordId, new SettlementUpdate(Name: "Tallowford Crossing"), ct: Ct);
        await domain.Settlements.UpdateAsync(gm, domain.BrindleholdId, new SettlementUpdate(Name: "Brindlehold Keep"), ct: Ct);
        var events = PlayersEvents(domain);
        Assert.Same(first.Value.Campaign, second.Value.Campaign);

        Reduce(first, CampaignEventEnvelope.FromJson(events[0].Envelope));
        Reduce(second, CampaignEventEnvelope.FromJson(events[1].Envelope));

        Assert.Equal("Tallowford Crossing", SettlementName(first, domain.TallowfordId));
        Assert.Equal("Brindlehold", SettlementName(first, domain.BrindleholdId));
        Assert.Equal("Tallowford", SettlementName(second, domain.TallowfordId));
        Assert.Equal("Brindlehold Keep", SettlementName(second, domain.BrindleholdId));
    }

    [Fact]
    public async Task WhenLoadsDifferInContentOrRole_ThenTheyAreNotShared()
    {
        await using var domain = await DomainFixture.CreateAsync();
        var shared = new SharedCampaignReductions();
        var load = await domain.Campaigns.GetAsync(DemoActors.Player, domain.CampaignId, Ct);
        var player = Loaded(shared, load);
        var renamed = Loaded(shared, load with { Name = "Another name" });
        var observer = Loaded(shared, await domain.Campaigns.GetAsync(DemoActors.Observer, domain.CampaignId, Ct));
        var gameMaster = Loaded(shared, await domain.Campaigns.GetAsync(DemoActors.GameMaster, domain.CampaignId, Ct));

        Assert.NotSame(player.Value.Campaign, renamed.Value.Campaign);
        Assert.Equal("Another name", renamed.Value.Campaign!.Name);
        Assert.NotSame(player.Value.Campaign, observer.Value.Campaign);
        Assert.Equal(CampaignRole.Observer, observer.Value.Campaign!.Access.Role);
        Assert.NotSame(player.Value.Campaign, gameMaster.Value.Campaign);
        Assert.Contains(gameMaster.Value.Campaign!.Kingdoms.SelectMany(k => k.Settlements), s => s.Id == domain.GreywaterLandingId);
        Assert.DoesNotContain(player.Value.Campaign!.Kingdoms.SelectMany(k => k.Settlements), s => s.Id == domain.GreywaterLandingId);
    }

    private static CampaignFeature Loaded(SharedCampaignReductions shared, CampaignView view)
    {
        var feature = new CampaignFeature(shared);
        Reduce(feature, new CampaignLoadedAction(view, []));
        return feature;
    }

    private static void Reduce(CampaignFeature feature, CampaignEventEnvelope envelope) =>
        Reduce(feature, new CampaignEventAppliedAction(envelope));

    private static void Reduce(CampaignFeature feature, object action) => ((IFeature)feature).Reduce(action);

    /// <summary>The settlement changes of the players' stream, in order (derived-value refreshes left out).</summary>
    private static List<CampaignEvent> PlayersEvents(DomainFixture domain) =>
    [
        .. domain.Observer.CommittedChanges.SelectMany(c => c.Events)
            .Where(e => e.Audience == Visibility.Everyone && e.Type == CampaignEventNames.SettlementUpdated)
            .OrderBy(e => e.Sequence),
    ];

    private static string? SettlementName(CampaignFeature feature, Guid settlementId) =>
        feature.Value.Campaign?.Kingdoms.SelectMany(k => k.Settlements).FirstOrDefault(s => s.Id == settlementId)?.Name;

    private static string Content(CampaignView view) => JsonSerializer.Serialize(view, CampaignEventJson.Options);
}
