using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignManager.Tests.Realtime;

[Trait(TestCategories.Trait, TestCategories.Unit)]
public class InMemoryCampaignNotifierTests
{
    private readonly InMemoryCampaignNotifier _notifier = new(NullLogger<InMemoryCampaignNotifier>.Instance);

    [Fact]
    public async Task WhenAnEventIsPublished_ThenEveryHandlerOfItsCampaignGetsItOnce_AndOtherCampaignsNone()
    {
        var ct = TestContext.Current.CancellationToken;
        var campaign = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        var first = new MessageCollector();
        var second = new MessageCollector();
        var elsewhere = new MessageCollector();
        await using var a = await _notifier.SubscribeAsync(campaign, first.Add, ct);
        await using var b = await _notifier.SubscribeAsync(campaign, second.Add, ct);
        await using var c = await _notifier.SubscribeAsync(other, elsewhere.Add, ct);

        await _notifier.PublishAsync(RealtimeTestMessages.Message(campaign, 1), ct);

        Assert.Equal([1L], first.Sequences);
        Assert.Equal([1L], second.Sequences);
        Assert.Empty(elsewhere.Messages);
        Assert.True(_notifier.IsLive);
    }

    [Fact]
    public async Task WhenASubscriptionIsDisposed_ThenItsHandlerIsNoLongerCalled_AndTheCampaignIsForgotten()
    {
        var ct = TestContext.Current.CancellationToken;
        var campaign = Guid.CreateVersion7();
        var kept = new MessageCollector();
        var dropped = new MessageCollector();
        var keptSubscription = await _notifier.SubscribeAsync(campaign, kept.Add, ct);
        var droppedSubscription = await _notifier.SubscribeAsync(campaign, dropped.Add, ct);

        await droppedSubscription.DisposeAsync();
        await _notifier.PublishAsync(RealtimeTestMessages.Message(campaign, 1), ct);

        Assert.Equal([1L], kept.Sequences);
        Assert.Empty(dropped.Messages);
        Assert.Equal(1, _notifier.CampaignCount);

        await keptSubscription.DisposeAsync();
        await droppedSubscription.DisposeAsync(); // twice is harmless

        Assert.Equal(0, _notifier.CampaignCount);
    }

    [Fact]
    public async Task WhenOneHandlerThrows_ThenTheOthersStillGetTheEvent_AndPublishDoesNotThrow()
    {
        var ct = TestContext.Current.CancellationToken;
        var campaign = Guid.CreateVersion7();
        var before = new MessageCollector();
        var after = new MessageCollector();
        await using var a = await _notifier.SubscribeAsync(campaign, before.Add, ct);
        await using var b = await _notifier.SubscribeAsync(campaign, _ => throw new InvalidOperationException("broken subscriber"), ct);
        await using var c = await _notifier.SubscribeAsync(campaign, async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("broken asynchronously");
        }, ct);
        await using var d = await _notifier.SubscribeAsync(campaign, after.Add, ct);

        await _notifier.PublishAsync(RealtimeTestMessages.Message(campaign, 1), ct);
        await _notifier.PublishAsync(RealtimeTestMessages.Message(campaign, 2), ct);

        Assert.Equal([1L, 2L], before.Sequences);
        Assert.Equal([1L, 2L], after.Sequences);
    }
}
