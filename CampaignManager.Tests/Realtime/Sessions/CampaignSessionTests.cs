using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.WorldTime;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Web.State.Campaigns;

namespace CampaignManager.Tests.Realtime.Sessions;

/// <summary>
/// A circuit's <see cref="CampaignSession"/> over the real domain, publisher, router and store, with a
/// network that loses, repeats and reorders messages: whatever arrives, the store applies the user's
/// stream in sequence order, each event once, fills gaps from the event log, reloads when the log
/// cannot, catches up when live updates return, follows the user's own membership, and never holds
/// what the user may not see.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CampaignSessionTests : IAsyncLifetime
{
    private static readonly string[] Changes =
    [
        "rename the campaign",
        "change the calendar",
        "advance the world time",
        "raise unrest",
        "grow Brindlehold",
        "upgrade the Mill",
        "build a granary in Tallowford",
        "demolish the Lumberyard",
        "found Oakmere",
        "delete Tallowford",
        "reveal Greywater Landing",
        "hide Tallowford",
        "add a member",
    ];

    private SessionHarness? _harness;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SessionHarness Harness => _harness ?? throw new InvalidOperationException("InitializeAsync has not run.");

    private DomainFixture Domain => Harness.Domain;

    public static TheoryData<string> Members =>
        [nameof(DemoActors.GameMaster), nameof(DemoActors.GameMasterNotOwner), nameof(DemoActors.Player), nameof(DemoActors.Observer), nameof(DemoActors.Admin)];

    public static TheoryData<string> Streams => [nameof(DemoActors.Player), nameof(DemoActors.GameMaster)];

    public static TheoryData<string, string> ChangesOfEachKind
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var actor in new[] { nameof(DemoActors.Player), nameof(DemoActors.GameMasterNotOwner) })
            {
                foreach (var change in Changes)
                {
                    data.Add(actor, change);
                }
            }

            return data;
        }
    }

    public async ValueTask InitializeAsync() => _harness = await SessionHarness.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Members))]
    public async Task WhenTheSessionOpens_ThenTheStateIsLoadedAndEqualsAFreshLoad(string actorName)
    {
        var actor = DemoActors.ByName(actorName);

        var circuit = await Harness.OpenAsync(actor, Ct);

        var fresh = await Harness.FreshLoadAsync(actor, Ct);
        Assert.Equal(CampaignLoadStatus.Loaded, circuit.State.Value.Status);
        Assert.Equal(Domain.CampaignId, circuit.State.Value.CampaignId);
        Assert.Equal(fresh.Access, circuit.Campaign!.Access);
        Assert.Equal(fresh.StreamSequence, circuit.Session.LastSequence);
        SessionAssert.EqualsFreshLoad(fresh, circuit);
    }

    [Fact]
    public async Task WhenAnOutsiderOpensTheCampaign_ThenTheStateIsNotFoundAndNothingIsSubscribed()
    {
        var circuit = await Harness.OpenAsync(DemoActors.Outsider, Ct);

        Assert.Equal(CampaignLoadStatus.NotFound, circuit.State.Value.Status);
        Assert.Null(circuit.Campaign);
        Assert.Equal(0, Harness.Router.SubscriptionCount);
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task WhenAMessageIsDeliveredTwice_ThenItIsAppliedOnce(string actorName)
    {
        var actor = DemoActors.ByName(actorName);
        var circuit = await Harness.OpenAsync(actor, Ct);
        var audience = circuit.Campaign!.Access.Audience;
        var n = circuit.Session.LastSequence;
        Harness.Notifier.Duplicate(audience, n + 1);

        await RenameAsync(Domain.TallowfordId, "Tallowmere");
        await circuit.WaitForStreamAsync(n + 1, Ct);
        Assert.Equal(n + 1, circuit.Session.LastSequence);
        // A third copy, late (a relay republishing it), then the next event as a fence: the inbox is
        // first in, first out, so once n+2 is in the store every copy of n+1 has been handled.
        await Harness.Notifier.RedeliverAsync(Harness.Notifier.Published.Last(m => m.Audience == audience && m.Sequence == n + 1), Ct);
        await RenameAsync(Domain.BrindleholdId, "Brindlehold Keep");
        await circuit.WaitForStreamAsync(n + 2, Ct);

        SessionAssert.AppliedExactly(circuit, n + 1, n + 2);
        Assert.Single(circuit.State.Value.Activity, a => a.Sequence == n + 1);
        Assert.Equal(n + 2, circuit.Session.LastSequence);
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(actor, Ct), circuit);
    }

    [Fact]
    public async Task WhenAMessageTheLoadAlreadyContainsArrivesLate_ThenItIsNotAppliedAgain()
    {
        // Committed before the circuit opens, so the load contains it; its message is held back.
        var before = await Harness.StreamSequenceAsync(DemoActors.Player, Ct);
        Harness.Notifier.Hold(Visibility.Everyone, before + 1);
        await RenameAsync(Domain.TallowfordId, "Tallowmere");
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        Assert.Equal(before + 1, circuit.Session.LastSequence);

        await Harness.Notifier.ReleaseHeldAsync(Ct);
        await RenameAsync(Domain.BrindleholdId, "Brindlehold Keep");
        await circuit.WaitForStreamAsync(before + 2, Ct);

        SessionAssert.AppliedExactly(circuit, before + 2, before + 2);
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(DemoActors.Player, Ct), circuit);
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task WhenAMessageIsDropped_ThenTheNextOneFillsTheGapFromTheLog(string actorName)
    {
        var actor = DemoActors.ByName(actorName);
        var circuit = await Harness.OpenAsync(actor, Ct);
        var audience = circuit.Campaign!.Access.Audience;
        var n = circuit.Session.LastSequence;
        Harness.Notifier.Drop(audience, n + 1);

        await RenameAsync(Domain.TallowfordId, "Tallowmere");
        await RenameAsync(Domain.BrindleholdId, "Brindlehold Keep");
        await circuit.WaitForStreamAsync(n + 2, Ct);

        Assert.DoesNotContain(Harness.Notifier.Published, m => m.Audience == audience && m.Sequence > n + 2);
        SessionAssert.AppliedExactly(circuit, n + 1, n + 2);
        Assert.Equal(1, circuit.Count<CampaignLoadedAction>());
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(actor, Ct), circuit);
    }

    [Fact]
    public async Task WhenALaterMessageOvertakesAnEarlierOne_ThenEachIsAppliedOnceInOrder()
    {
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        var n = circuit.Session.LastSequence;
        Harness.Notifier.Hold(Visibility.Everyone, n + 1);

        await RenameAsync(Domain.TallowfordId, "Tallowmere");
        await RenameAsync(Domain.BrindleholdId, "Brindlehold Keep");
        await circuit.WaitForStreamAsync(n + 2, Ct);
        await Harness.Notifier.ReleaseHeldAsync(Ct);
        await RenameAsync(Domain.TallowfordId, "Tallow Ford");
        await circuit.WaitForStreamAsync(n + 3, Ct);

        SessionAssert.AppliedExactly(circuit, n + 1, n + 3);
        SessionAssert.AppliedOnlyInStreamOrder(circuit);
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(DemoActors.Player, Ct), circuit);
    }

    [Fact]
    public async Task WhenTheNotifierListensOnlyAfterTheLoad_ThenWhatCommittedMeanwhileIsCaughtUpFromTheLog()
    {
        // A slow broker: the session stops waiting for it (3 s) and shows the campaign anyway.
        Harness.Notifier.HoldSubscriptions();
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        var n = circuit.Session.LastSequence;

        await RenameAsync(Domain.TallowfordId, "Tallowmere"); // Published while nobody listens: lost.
        Harness.Notifier.ReleaseSubscriptions();
        await circuit.WaitForStreamAsync(n + 1, Ct);

        SessionAssert.AppliedExactly(circuit, n + 1, n + 1);
        Assert.Equal(1, circuit.Count<CampaignLoadedAction>());
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(DemoActors.Player, Ct), circuit);
    }

    [Fact]
    public async Task WhenMessagesWereLostWhileNotLive_ThenTheSessionCatchesUpWhenLiveAgain()
    {
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        var n = circuit.Session.LastSequence;

        Harness.Notifier.GoOffline();
        await RenameAsync(Domain.TallowfordId, "Tallowmere");
        await RenameAsync(Domain.BrindleholdId, "Brindlehold Keep");
        Assert.Equal(n + 2, await Harness.StreamSequenceAsync(DemoActors.Player, Ct));
        Harness.Notifier.GoOnline();
        await circuit.WaitForStreamAsync(n + 2, Ct);

        SessionAssert.AppliedExactly(circuit, n + 1, n + 2);
        Assert.Equal(1, circuit.Count<CampaignLoadedAction>());
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(DemoActors.Player, Ct), circuit);
    }

    [Fact]
    public async Task WhenTheLogNoLongerCoversTheGap_ThenTheSessionReloadsAndEqualsAFreshLoad()
    {
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        var n = await LoseFromNetworkAndLogThenCommitAnotherAsync(circuit);

        await circuit.WaitUntilAsync(c => c.Count<CampaignLoadedAction>() == 2 && c.Campaign?.StreamSequence == n + 2, "the session reloaded", Ct);

        Assert.Equal(2, circuit.Count<CampaignLoadingAction>());
        Assert.Equal(CampaignLoadStatus.Loaded, circuit.State.Value.Status);
        Assert.Equal(n + 2, circuit.Session.LastSequence);
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(DemoActors.Player, Ct), circuit);
    }

    [Fact]
    public async Task WhenTheLogNoLongerCoversTheGap_ThenTheEventAfterTheHoleIsNotAppliedOverIt()
    {
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        var n = await LoseFromNetworkAndLogThenCommitAnotherAsync(circuit);

        await circuit.WaitUntilAsync(c => c.Count<CampaignLoadedAction>() == 2 && c.Campaign?.StreamSequence == n + 2, "the session reloaded", Ct);

        // n+1 is gone for good; n+2 must wait for the reload (which contains it), not be applied to
        // a store that never saw n+1.
        SessionAssert.AppliedOnlyInStreamOrder(circuit);
    }

    [Fact]
    public async Task WhenTheOwnerMakesThePlayerAnObserver_ThenThePlayersSessionReloadsWithTheObserverRole()
    {
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        Assert.Equal(CampaignRole.Player, circuit.Campaign!.Access.Role);

        await Harness.Service<MemberService>().ChangeRoleAsync(DemoActors.GameMaster, Domain.CampaignId, DemoActors.Player.UserId, CampaignRole.Observer, Ct);

        await circuit.WaitUntilAsync(c => c.Campaign?.Access.Role == CampaignRole.Observer, "the player's session knows they are an observer now", Ct);
        Assert.Equal(2, circuit.Count<CampaignLoadingAction>());
        Assert.Equal(2, circuit.Count<CampaignLoadedAction>());
        Assert.False(circuit.Campaign!.Access.CanEdit);
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(DemoActors.Player, Ct), circuit);
    }

    [Fact]
    public async Task WhenThePlayerIsMadeGameMaster_ThenTheSessionSwitchesToTheGameMastersStream()
    {
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        Assert.DoesNotContain(Settlements(circuit), s => s.Id == Domain.GreywaterLandingId);

        await Harness.Service<MemberService>().ChangeRoleAsync(DemoActors.GameMaster, Domain.CampaignId, DemoActors.Player.UserId, CampaignRole.GameMaster, Ct);
        await circuit.WaitUntilAsync(c => c.Campaign?.Access.Role == CampaignRole.GameMaster, "the session reloaded as game master", Ct);
        await RenameAsync(Domain.GreywaterLandingId, "Greywater Haven");

        await circuit.WaitUntilAsync(c => Settlements(c).Any(s => s.Name == "Greywater Haven"), "the GM-only rename reached the promoted player", Ct);
        Assert.Equal(await Harness.StreamSequenceAsync(DemoActors.GameMaster, Ct), circuit.Session.LastSequence);
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(DemoActors.Player, Ct), circuit);
    }

    [Fact]
    public async Task WhenTheOwnerRemovesThePlayer_ThenThePlayersSessionSaysItsAccessEndedAndUnsubscribes()
    {
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        Assert.Equal(1, Harness.Router.SubscriptionCount);
        var name = circuit.Campaign!.Name;

        await Harness.Service<MemberService>().RemoveAsync(DemoActors.GameMaster, Domain.CampaignId, DemoActors.Player.UserId, Ct);

        await circuit.WaitUntilAsync(c => c.State.Value.Status == CampaignLoadStatus.AccessEnded, "the removed player's session ended", Ct);
        Assert.Equal(name, circuit.State.Value.EndedCampaignName);
        Assert.Null(circuit.Campaign);
        Assert.Empty(circuit.State.Value.Activity);
        Assert.Equal(0, Harness.Router.SubscriptionCount);
    }

    [Fact]
    public async Task WhenTheGameMasterChangesGreywaterLanding_ThenThePlayersSessionNeverReceivesIt()
    {
        var circuit = await Harness.OpenAsync(DemoActors.Player, Ct);
        var n = circuit.Session.LastSequence;

        await RenameAsync(Domain.GreywaterLandingId, "Greywater Haven");
        await RenameAsync(Domain.BrindleholdId, "Brindlehold Keep");
        await circuit.WaitUntilAsync(c => Settlements(c).Any(s => s.Name == "Brindlehold Keep"), "Brindlehold's new name reached the player", Ct);

        // The game masters' stream did carry the rename: the player's simply never had it.
        Assert.Contains(Harness.Notifier.Published, m => m.Audience == Visibility.GameMasters && m.EnvelopeJson.Contains("Greywater Haven", StringComparison.Ordinal));
        SessionAssert.AppliedExactly(circuit, n + 1, n + 1);
        foreach (var envelope in circuit.AppliedEnvelopes)
        {
            var json = envelope.ToJson();
            Assert.DoesNotContain("Greywater", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Domain.GreywaterLandingId.ToString(), json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Domain.InnId.ToString(), json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("Greywater", string.Join("|", circuit.State.Value.Activity.Select(a => a.Summary)), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Settlements(circuit), s => s.Id == Domain.GreywaterLandingId);
    }

    [Fact]
    public async Task WhenTheGameMasterChangesGreywaterLanding_ThenAGameMastersSessionAppliesIt()
    {
        var circuit = await Harness.OpenAsync(DemoActors.GameMasterNotOwner, Ct);
        var n = circuit.Session.LastSequence;

        await RenameAsync(Domain.GreywaterLandingId, "Greywater Haven");

        await circuit.WaitUntilAsync(c => Settlements(c).Any(s => s.Name == "Greywater Haven"), "the rename reached the game master", Ct);
        SessionAssert.AppliedExactly(circuit, n + 1, await Harness.StreamSequenceAsync(DemoActors.GameMasterNotOwner, Ct));
    }

    [Theory]
    [MemberData(nameof(ChangesOfEachKind))]
    public async Task WhenAChangeOfEachKindIsApplied_ThenTheStoreEqualsAFreshLoad(string actorName, string change)
    {
        var actor = DemoActors.ByName(actorName);
        var circuit = await Harness.OpenAsync(actor, Ct);

        await MakeAsync(change);
        var current = await Harness.StreamSequenceAsync(actor, Ct);
        await circuit.WaitForStreamAsync(current, Ct);

        SessionAssert.AppliedOnlyInStreamOrder(circuit);
        Assert.Equal(1, circuit.Count<CampaignLoadedAction>());
        SessionAssert.EqualsFreshLoad(await Harness.FreshLoadAsync(actor, Ct), circuit);
    }

    private static IEnumerable<SettlementView> Settlements(SessionCircuit circuit) =>
        circuit.Campaign?.Kingdoms.SelectMany(k => k.Settlements) ?? [];

    private async Task MakeAsync(string change)
    {
        var gm = DemoActors.GameMaster;
        switch (change)
        {
            case "rename the campaign":
                await Harness.Service<CampaignService>().UpdateAsync(gm, Domain.CampaignId, new CampaignUpdate(Name: "The Vellmark Compact"), ct: Ct);
                break;
            case "change the calendar":
                var calendar = VellmarkCalendar.Create() with { Name = "Vellmark Reckoning (revised)", EpochYear = 4720 };
                await Harness.Service<CampaignService>().UpdateAsync(gm, Domain.CampaignId, new CampaignUpdate(Calendar: calendar), ct: Ct);
                break;
            case "advance the world time":
                await Harness.Service<WorldTimeService>().AdvanceAsync(gm, Domain.CampaignId, 3600, ct: Ct);
                break;
            case "raise unrest":
                await Harness.Service<KingdomService>().UpdateAsync(DemoActors.Player2, Domain.VellmarkId, new KingdomUpdate(Unrest: 5), ct: Ct);
                break;
            case "grow Brindlehold":
                await Harness.Service<SettlementService>().UpdateAsync(gm, Domain.BrindleholdId, new SettlementUpdate(Population: 1600), ct: Ct);
                break;
            case "upgrade the Mill":
                await Harness.Service<StructureService>().UpdateAsync(DemoActors.Player2, Domain.MillId, new StructureUpdate(Level: 3), ct: Ct);
                break;
            case "build a granary in Tallowford":
                await Harness.Service<StructureService>().CreateAsync(gm, Domain.TallowfordId, new StructureInput("granary"), Ct);
                break;
            case "demolish the Lumberyard":
                await Harness.Service<StructureService>().DeleteAsync(gm, Domain.LumberyardId, ct: Ct);
                break;
            case "found Oakmere":
                await Harness.Service<SettlementService>().CreateAsync(gm, Domain.VellmarkId, new SettlementInput("Oakmere"), Ct);
                break;
            case "delete Tallowford":
                await Harness.Service<SettlementService>().DeleteAsync(gm, Domain.TallowfordId, ct: Ct);
                break;
            case "reveal Greywater Landing":
                await Harness.Service<SettlementService>().UpdateAsync(gm, Domain.GreywaterLandingId, new SettlementUpdate(Visibility: Visibility.Everyone), ct: Ct);
                break;
            case "hide Tallowford":
                await Harness.Service<SettlementService>().UpdateAsync(gm, Domain.TallowfordId, new SettlementUpdate(Visibility: Visibility.GameMasters), ct: Ct);
                break;
            case "add a member":
                await Harness.Service<MemberService>().AddAsync(gm, Domain.CampaignId, DemoActors.NewcomerEmail, CampaignRole.Player, Ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    private Task RenameAsync(Guid settlementId, string name) =>
        Harness.Service<SettlementService>().UpdateAsync(DemoActors.GameMaster, settlementId, new SettlementUpdate(Name: name), ct: Ct);

    /// <summary>
    /// Event n+1 of the circuit's stream is lost on the network and then from the log (retention
    /// caught up with it); event n+2 arrives normally. Returns n.
    /// </summary>
    private async Task<long> LoseFromNetworkAndLogThenCommitAnotherAsync(SessionCircuit circuit)
    {
        var audience = circuit.Campaign!.Access.Audience;
        var n = circuit.Session.LastSequence;
        Harness.Notifier.Drop(audience, n + 1);
        await RenameAsync(Domain.TallowfordId, "Tallowmere");
        Assert.Equal(1, await Harness.DeleteFromLogAsync(audience, n + 1, n + 1, Ct));
        await RenameAsync(Domain.BrindleholdId, "Brindlehold Keep");
        Assert.Equal(n + 2, await Harness.StreamSequenceAsync(circuit.Actor, Ct));
        return n;
    }
}
