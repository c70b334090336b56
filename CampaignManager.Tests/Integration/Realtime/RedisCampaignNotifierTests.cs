using System.Diagnostics;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CampaignManager.Tests.Integration.Realtime;

/// <summary>
/// Two notifiers on two multiplexers stand for two app instances on one real redis-server.
/// Each test uses its own channel prefix, so the shared server carries nothing from another test.
/// </summary>
[Collection(RedisCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class RedisCampaignNotifierTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _prefix = "test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Guid _campaign = Guid.CreateVersion7();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // A test that stopped the shared server must not leave it down for the next one.
        await redis.StartAsync();
        _owned.Reverse();
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task WhenInstanceAPublishes_ThenASubscriberOnInstanceBGetsTheEventExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await StartInstanceAsync();
        var b = await StartInstanceAsync();
        var received = new MessageCollector();
        await using var subscription = await b.SubscribeAsync(_campaign, received.Add, ct);
        var message = RealtimeTestMessages.Message(_campaign, 1);

        await a.PublishAsync(message, ct);
        await received.WaitForCountAsync(1, Bound, ct);
        await a.PublishAsync(RealtimeTestMessages.Message(_campaign, 2), ct);
        await received.WaitForCountAsync(2, Bound, ct);
        // Anything duplicated would be on its way by now.
        await Task.Delay(200, ct);

        Assert.Equal([1L, 2L], received.Sequences);
        Assert.Equal(message.EnvelopeJson, received.Messages[0].EnvelopeJson);
        Assert.Equal(message.Audience, received.Messages[0].Audience);
    }

    [Fact]
    public async Task WhenTheLastLocalHandlerLeaves_ThenTheRedisChannelIsUnsubscribed()
    {
        var ct = TestContext.Current.CancellationToken;
        var b = await StartInstanceAsync();
        var channel = $"{_prefix}:campaign:{_campaign:D}";

        var first = await b.SubscribeAsync(_campaign, new MessageCollector().Add, ct);
        var second = await b.SubscribeAsync(_campaign, new MessageCollector().Add, ct);

        Assert.Equal(1, await SubscribersOnRedisAsync(channel, ct));

        await first.DisposeAsync();

        Assert.Equal(1, await SubscribersOnRedisAsync(channel, ct));

        await second.DisposeAsync();

        await Poll.UntilAsync(async () => await SubscribersOnRedisAsync(channel, ct) == 0, Bound, $"{channel} has no subscriber", ct);
        Assert.Equal(0, b.ChannelCount);
    }

    [Fact]
    public async Task WhenRedisGoesDownAndComesBack_ThenPublishFailsFast_LiveStateFollows_AndTheOldSubscriptionReceivesAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await StartInstanceAsync();
        var logOfB = new ListLogger<RedisCampaignNotifier>();
        var b = await StartInstanceAsync(logOfB);
        var liveChangesOnB = new List<bool>();
        b.LiveChanged += live =>
        {
            lock (liveChangesOnB)
            {
                liveChangesOnB.Add(live);
            }
        };
        var onA = new MessageCollector();
        var onB = new MessageCollector();
        await using var localOnA = await a.SubscribeAsync(_campaign, onA.Add, ct);
        await using var remoteOnB = await b.SubscribeAsync(_campaign, onB.Add, ct);
        await a.PublishAsync(RealtimeTestMessages.Message(_campaign, 1), ct);
        await onB.WaitForCountAsync(1, Bound, ct);

        await redis.StopAsync(ct);
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<NotifierUnavailableException>(() => a.PublishAsync(RealtimeTestMessages.Message(_campaign, 2), ct));
        var failedAfter = clock.Elapsed;

        Assert.True(failedAfter < TimeSpan.FromSeconds(5), $"PublishAsync took {failedAfter.TotalSeconds:0.0} s to give up.");
        // Local delivery goes on while Redis is down.
        await onA.WaitUntilAsync(m => m.Any(x => x.Sequence == 2), Bound, ct);
        await Poll.UntilAsync(() => !a.IsLive && !b.IsLive, Bound, "both instances see Redis down", ct);
        Assert.Contains(false, Snapshot(liveChangesOnB));

        await redis.StartAsync(ct);

        await Poll.UntilAsync(() => a.IsLive && b.IsLive, Bound, "both instances see Redis back", ct);
        Assert.Equal([false, true], Snapshot(liveChangesOnB));
        await a.PublishAsync(RealtimeTestMessages.Message(_campaign, 3), ct);
        await onB.WaitUntilAsync(m => m.Any(x => x.Sequence == 3), Bound, ct);
        Assert.Equal([1L, 3L], onB.Sequences);
        // Whether StackExchange.Redis or the notifier's own check re-subscribed (under load either
        // may win), there is one subscription per instance, not one more per reconnect.
        Assert.Equal(2, await SubscribersOnRedisAsync($"{_prefix}:campaign:{_campaign:D}", ct));
    }

    [Fact]
    public async Task WhenAnInstanceStartsWhileRedisIsDown_ThenItServes_AndSubscribesItsChannelsOnceRedisIsUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await redis.StopAsync(ct);
        var clock = Stopwatch.StartNew();
        // The first connect waits ConnectTimeout for a server that isn't there; a short one keeps the test short.
        var late = await StartInstanceAsync(connectTimeoutMilliseconds: 1000);
        var pending = new MessageCollector();
        await using var subscription = await late.SubscribeAsync(_campaign, pending.Add, ct);

        Assert.False(late.IsLive);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Starting without Redis took {clock.Elapsed.TotalSeconds:0.0} s.");

        await redis.StartAsync(ct);
        var publisher = await StartInstanceAsync();
        await Poll.UntilAsync(() => late.IsLive, Bound, "the late instance sees Redis", ct);
        await publisher.PublishAsync(RealtimeTestMessages.Message(_campaign, 1), ct);

        await pending.WaitForCountAsync(1, Bound, ct);
        Assert.Equal([1L], pending.Sequences);
    }

    private static List<bool> Snapshot(List<bool> changes)
    {
        lock (changes)
        {
            return [.. changes];
        }
    }

    private async Task<RedisCampaignNotifier> StartInstanceAsync(ILogger<RedisCampaignNotifier>? logger = null, int connectTimeoutMilliseconds = 5000)
    {
        var configuration = ConfigurationOptions.Parse(redis.ConnectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = connectTimeoutMilliseconds;
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        var notifier = new RedisCampaignNotifier(
            multiplexer,
            Options.Create(new RedisNotifierOptions { ChannelPrefix = _prefix }),
            TimeProvider.System,
            logger ?? NullLogger<RedisCampaignNotifier>.Instance);
        _owned.Add(multiplexer);
        _owned.Add(notifier);
        return notifier;
    }

    private async Task<int> SubscribersOnRedisAsync(string channel, CancellationToken ct)
    {
        // PUBSUB NUMSUB answers [channel, count].
        var reply = await redis.ExecuteAsync(["PUBSUB", "NUMSUB", channel], ct) ?? "";
        return int.Parse(reply.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
