using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignManager.Tests.Realtime;

[Trait(TestCategories.Trait, TestCategories.Unit)]
public class RoomRouterTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private readonly FakeCampaignNotifier _notifier = new();
    private readonly RoomRouter _router;
    private readonly Guid _campaign = Guid.CreateVersion7();
    private readonly string _campaignRoom;

    public RoomRouterTests()
    {
        _router = new RoomRouter(_notifier, TestMetrics.For(_notifier), TimeProvider.System, NullLogger<RoomRouter>.Instance);
        _campaignRoom = RoomNames.Campaign(_campaign);
    }

    public ValueTask DisposeAsync() => _router.DisposeAsync();

    [Fact]
    public async Task WhenEventsOfBothAudiencesArrive_ThenEachSubscriberGetsOnlyItsOwnAudiencesStream()
    {
        var ct = TestContext.Current.CancellationToken;
        var gameMaster = new MessageCollector();
        var player = new MessageCollector();
        await using var gm = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, [_campaignRoom], gameMaster.Add, ct);
        await using var everyone = await _router.SubscribeAsync(_campaign, Visibility.Everyone, [_campaignRoom], player.Add, ct);

        await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, 7, Visibility.GameMasters), ct);
        await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, 3, Visibility.Everyone), ct);
        await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, 8, Visibility.GameMasters), ct);

        Assert.Equal([7L, 8L], gameMaster.Sequences);
        Assert.All(gameMaster.Messages, m => Assert.Equal(Visibility.GameMasters, m.Audience));
        Assert.Equal([3L], player.Sequences);
        Assert.All(player.Messages, m => Assert.Equal(Visibility.Everyone, m.Audience));
    }

    [Fact]
    public async Task WhenAnEventNamesOtherRooms_ThenASubscriberOfADifferentRoomDoesNotGetIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var mill = RoomNames.Settlement(Guid.CreateVersion7());
        var harbour = RoomNames.Settlement(Guid.CreateVersion7());
        var millWatcher = new MessageCollector();
        await using var subscription = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, [mill], millWatcher.Add, ct);

        await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, 1, Visibility.GameMasters, _campaignRoom, harbour), ct);
        await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, 2, Visibility.GameMasters, _campaignRoom), ct);
        await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, 3, Visibility.GameMasters, _campaignRoom, mill), ct);

        Assert.Equal([3L], millWatcher.Sequences);
    }

    [Fact]
    public async Task WhenAnEventNamesSeveralOfASubscribersRooms_ThenItIsDeliveredOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var settlement = Guid.CreateVersion7();
        var structure = Guid.CreateVersion7();
        string[] rooms = [_campaignRoom, RoomNames.Settlement(settlement), RoomNames.Structure(structure)];
        var watcher = new MessageCollector();
        await using var subscription = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, rooms, watcher.Add, ct);

        await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, 1, Visibility.GameMasters, rooms), ct);

        Assert.Equal([1L], watcher.Sequences);
    }

    [Fact]
    public async Task WhenSubscribersOfACampaignComeAndGo_ThenTheNotifierIsSubscribedOnceAndLeftAfterTheLast()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, [_campaignRoom], new MessageCollector().Add, ct);
        var second = await _router.SubscribeAsync(_campaign, Visibility.Everyone, [_campaignRoom], new MessageCollector().Add, ct);
        var other = await _router.SubscribeAsync(Guid.CreateVersion7(), Visibility.Everyone, ["campaign:x"], new MessageCollector().Add, ct);

        Assert.Equal(2, _notifier.SubscribeCalls); // once per campaign, not per subscriber
        Assert.Equal(1, _notifier.ActiveFor(_campaign));
        Assert.Equal(2, _router.CampaignCount);
        Assert.Equal(3, _router.SubscriptionCount);

        await first.DisposeAsync();

        Assert.Equal(1, _notifier.ActiveFor(_campaign));
        Assert.Equal(0, _notifier.UnsubscribeCalls);

        await second.DisposeAsync();
        await second.DisposeAsync(); // twice is harmless

        Assert.Equal(0, _notifier.ActiveFor(_campaign));
        Assert.Equal(1, _notifier.UnsubscribeCalls);
        Assert.Equal(1, _router.CampaignCount);
        Assert.Equal(1, _router.SubscriptionCount);

        await using var again = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, [_campaignRoom], new MessageCollector().Add, ct);

        Assert.Equal(1, _notifier.ActiveFor(_campaign));
        await other.DisposeAsync();
    }

    [Fact]
    public async Task WhenOneSubscriberThrowsAndAnotherIsSlow_ThenTheRestGetEveryEventAtOnce_AndTheSlowOneInOrderLater()
    {
        var ct = TestContext.Current.CancellationToken;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new MessageCollector();
        var healthy = new MessageCollector();
        await using var throwing = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, [_campaignRoom],
            _ => throw new InvalidOperationException("broken subscriber"), ct);
        await using var faulting = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, [_campaignRoom],
            _ => ValueTask.FromException(new InvalidOperationException("broken asynchronously")), ct);
        await using var stuck = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, [_campaignRoom], async m =>
        {
            await release.Task;
            await slow.Add(m);
        }, ct);
        await using var fine = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, [_campaignRoom], healthy.Add, ct);

        for (var sequence = 1; sequence <= 3; sequence++)
        {
            // Bounded: handing an event out must not wait for the stuck subscriber.
            await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, sequence), ct).WaitAsync(Bound, ct);
        }

        Assert.Equal(3, healthy.Messages.Count);
        Assert.Empty(slow.Messages);

        release.SetResult();
        await slow.WaitForCountAsync(3, Bound, ct);

        Assert.Equal(healthy.Sequences, slow.Sequences);
    }

    [Fact]
    public async Task WhenASubscriptionIsDisposed_ThenItGetsNothingMore()
    {
        var ct = TestContext.Current.CancellationToken;
        var watcher = new MessageCollector();
        var subscription = await _router.SubscribeAsync(_campaign, Visibility.GameMasters, [_campaignRoom], watcher.Add, ct);
        await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, 1), ct);

        await subscription.DisposeAsync();
        await _notifier.PublishAsync(RealtimeTestMessages.Message(_campaign, 2), ct);

        Assert.Equal([1L], watcher.Sequences);
        Assert.Equal(0, _router.SubscriptionCount);
    }

    [Fact]
    public void WhenASubscriptionNamesNoRoom_ThenItIsRefused() =>
        Assert.Throws<ArgumentException>(() => _router.Subscribe(_campaign, Visibility.GameMasters, [], new MessageCollector().Add));
}
