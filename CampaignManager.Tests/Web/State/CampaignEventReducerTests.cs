using System.Text.Json;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.State.Campaigns;

namespace CampaignManager.Tests.Web.State;

/// <summary>
/// The store's promise: the view loaded before a series of changes, moved forward by the user's
/// event stream, equals a fresh load afterwards — for game masters and for players.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Unit)]
public class CampaignEventReducerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Viewers => [nameof(DemoActors.GameMaster), nameof(DemoActors.Player), nameof(DemoActors.Observer)];

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task WhenTheEventStreamIsAppliedToTheOldView_ThenItEqualsAFreshLoad(string viewer)
    {
        await using var domain = await DomainFixture.CreateAsync();
        var actor = DemoActors.ByName(viewer);
        var gm = DemoActors.GameMaster;
        var before = await domain.Campaigns.GetAsync(actor, domain.CampaignId, Ct);

        await domain.Structures.UpdateAsync(gm, domain.MillId, new StructureUpdate(Name: "Watermill"), ct: Ct);
        await domain.Structures.CreateAsync(gm, domain.BrindleholdId, new StructureInput("shrine", Block: 3), Ct);
        await domain.WorldTime.AdvanceAsync(gm, domain.CampaignId, 3 * 86_400, ct: Ct);
        await domain.Settlements.UpdateAsync(gm, domain.GreywaterLandingId, new SettlementUpdate(Name: "Greywater Haven"), ct: Ct);
        await domain.Structures.SetVariablesAsync(gm, domain.PopularTavernId, new Dictionary<string, string?> { ["secretTunnel"] = "false" }, ct: Ct);
        await domain.Structures.SetVariablesAsync(gm, domain.PopularTavernId, new Dictionary<string, string?> { ["rooms"] = "8" }, ct: Ct);
        await domain.Settlements.UpdateAsync(gm, domain.TallowfordId, new SettlementUpdate(Visibility: Visibility.GameMasters), ct: Ct);
        await domain.Structures.UpdateAsync(gm, domain.LumberyardId, new StructureUpdate(Name: "Old Lumberyard"), ct: Ct);
        await domain.Settlements.UpdateAsync(gm, domain.TallowfordId, new SettlementUpdate(Visibility: Visibility.Everyone), ct: Ct);
        await domain.Kingdoms.UpdateAsync(gm, domain.VellmarkId, new KingdomUpdate(Unrest: 5, Level: 4, Leadership: new Dictionary<LeadershipSeat, string?> { [LeadershipSeat.Counselor] = "Wren" }), ct: Ct);
        await domain.Structures.DeleteAsync(gm, domain.GranaryId, ct: Ct);
        await domain.Campaigns.UpdateAsync(gm, domain.CampaignId, new CampaignUpdate(Description: "Winter came."), ct: Ct);

        var audience = before.Access.Audience;
        var events = domain.Observer.CommittedChanges.SelectMany(c => c.Events).Where(e => e.Audience == audience).OrderBy(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => before.StreamSequence + i), events.Select(e => e.Sequence));

        var applied = events.Aggregate(before, (view, row) => CampaignEventReducer.Apply(view, CampaignEventEnvelope.FromJson(row.Envelope)));
        var fresh = await domain.Campaigns.GetAsync(actor, domain.CampaignId, Ct);

        Assert.Equal(Normalize(fresh), Normalize(applied));
        Assert.Equal(fresh.StreamSequence, applied.StreamSequence);
    }

    [Fact]
    public async Task WhenAPlayersStreamIsRead_ThenNothingNamesTheGmOnlySettlementOrVariable()
    {
        await using var domain = await DomainFixture.CreateAsync();
        var gm = DemoActors.GameMaster;

        await domain.Settlements.UpdateAsync(gm, domain.GreywaterLandingId, new SettlementUpdate(Name: "Greywater Haven", Level: 2), ct: Ct);
        await domain.Structures.CreateAsync(gm, domain.GreywaterLandingId, new StructureInput("houses"), Ct);
        await domain.Structures.SetVariablesAsync(gm, domain.PopularTavernId, new Dictionary<string, string?> { ["secretTunnel"] = "false" }, ct: Ct);
        await domain.Settlements.UpdateAsync(gm, domain.BrindleholdId, new SettlementUpdate(Population: 1500), ct: Ct);

        var rows = domain.Observer.CommittedChanges.SelectMany(c => c.Events).ToList();
        var playerStream = string.Join("\n", rows.Where(r => r.Audience == Visibility.Everyone).Select(r => r.Envelope));
        var gameMasterStream = string.Join("\n", rows.Where(r => r.Audience == Visibility.GameMasters).Select(r => r.Envelope));
        Assert.Contains("Brindlehold", playerStream);
        Assert.DoesNotContain("Greywater", playerStream);
        Assert.DoesNotContain(domain.GreywaterLandingId.ToString(), playerStream);
        Assert.DoesNotContain("secretTunnel", playerStream);
        Assert.Contains("Greywater Haven", gameMasterStream);
        Assert.Contains("secretTunnel", gameMasterStream);
    }

    [Fact]
    public async Task WhenASettlementIsHiddenAndRevealed_ThenPlayersGetADeleteAndThenACreate()
    {
        await using var domain = await DomainFixture.CreateAsync();
        var gm = DemoActors.GameMaster;

        await domain.Settlements.UpdateAsync(gm, domain.TallowfordId, new SettlementUpdate(Visibility: Visibility.GameMasters), ct: Ct);
        await domain.Settlements.UpdateAsync(gm, domain.TallowfordId, new SettlementUpdate(Visibility: Visibility.Everyone), ct: Ct);

        var operations = domain.Observer.CommittedChanges.SelectMany(c => c.Events)
            .Where(e => e.Audience == Visibility.Everyone && e.Type == CampaignEventNames.SettlementUpdated)
            .Select(e => CampaignEventReducer.Read<SettlementUpdatedPayload>(CampaignEventEnvelope.FromJson(e.Envelope)))
            .Select(p => (p.Operation, HasSnapshot: p.Settlement is not null))
            .ToList();
        Assert.Equal([(EventOperations.Delete, false), (EventOperations.Create, true)], operations);
    }

    [Fact]
    public void WhenTheSameEventIsAppliedTwice_ThenTheViewIsTheSameAsAfterOnce()
    {
        var envelope = Envelope(CampaignEventNames.WorldTimeChanged, 7, new WorldTimeChangedPayload(0, 3600, 3600, "", [], "tick", 1));
        var view = EmptyView();

        var once = CampaignEventReducer.Apply(view, envelope);
        var twice = CampaignEventReducer.Apply(once, envelope);

        Assert.Equal(Normalize(once), Normalize(twice));
        Assert.Equal(7, twice.StreamSequence);
    }

    private static string Normalize(CampaignView view) =>
        JsonSerializer.Serialize(view with { EventSequence = 0, Revision = 0, StreamSequence = 0 }, CampaignEventJson.Options);

    private static CampaignView EmptyView()
    {
        var calendar = CampaignManager.Domain.Calendars.VellmarkCalendar.Create();
        var id = Guid.CreateVersion7();
        return new CampaignView(id, "c", "", 0, calendar, calendar.Describe(0), 0, 0, 0,
            new CampaignAccess(id, CampaignRole.Player, false), [], []);
    }

    private static CampaignEventEnvelope Envelope(string type, long sequence, object payload) =>
        new(type, Guid.CreateVersion7(), Guid.CreateVersion7(), sequence, DateTimeOffset.UtcNow, [], Visibility.Everyone,
            new EventMetadata("u", "U", EventSources.Web, null), JsonSerializer.SerializeToElement(payload, CampaignEventJson.Options));
}
