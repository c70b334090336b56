using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.Realtime.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CampaignManager.Tests.Integration.Realtime;

/// <summary>
/// Gaps in a subscription: a SUBSCRIBE that outlasts the command timeout while Redis stays connected
/// (a loaded instance), and a restart of Redis. The user channel and the campaign notifier on a
/// redis-server of their own (the tests pause or restart it, which would hold up the tests sharing
/// the collection's server).
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class SubscriptionGapTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly RedisServerFixture _redis = new();
    private ConnectionMultiplexer? _multiplexer;

    public async ValueTask InitializeAsync() => await _redis.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task WhenSubscribingTimesOutWhileRedisIsConnected_ThenARetrySubscribes_AndTheListenersHearLaterMessagesAndANudge()
    {
        // Seen in CI: under load a user's SUBSCRIBE outlasted the command timeout while Redis stayed
        // connected, nothing retried it (only a reconnect did), and that user's tab on the instance
        // never heard its sign-out.
        var ct = TestContext.Current.CancellationToken;
        var log = new ListLogger<RedisUserSessionChannel>();
        using var channel = await StartChannelAsync(log);
        var heard = new List<UserSessionMessage>();

        // Redis holds every client's commands for 1.5 s: the SUBSCRIBE outlasts the 0.3 s timeout.
        Assert.Equal("OK", await _redis.ExecuteAsync(["CLIENT", "PAUSE", "1500", "ALL"], ct));
        await using var subscription = await channel.SubscribeAsync("user-1", Collect(heard), ct);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("user-1", StringComparison.Ordinal));

        var sent = UserSessionMessage.SignedOut("user-1", "session-1");
        await PublishUntilHeardAsync(sent, heard, "the user's listener heard a message published after the pause", ct);
        // The retry told the listeners to re-read the user: a message may have been missed meanwhile.
        Assert.Contains(UserSessionMessage.RolesChanged("user-1"), Snapshot(heard));
        Assert.Equal("1", (await _redis.ExecuteAsync(["PUBSUB", "NUMSUB", RedisUserSessionChannel.ChannelName("test", "user-1")], ct))?.Split('\n')[1]);
    }

    [Fact]
    public async Task WhenRedisRestarts_ThenTheUsersListenersAreNudgedToReReadTheUser_AndHearLaterMessages()
    {
        // What was published while Redis was down is gone; the multiplexer only subscribes again.
        var ct = TestContext.Current.CancellationToken;
        using var channel = await StartChannelAsync(new ListLogger<RedisUserSessionChannel>(), patient: true);
        var heard = new List<UserSessionMessage>();
        await using var subscription = await channel.SubscribeAsync("user-3", Collect(heard), ct);

        await _redis.StopAsync(ct);
        await _redis.StartAsync(ct);

        await Poll.UntilAsync(() => Snapshot(heard).Contains(UserSessionMessage.RolesChanged("user-3")), Bound,
            "the listener was nudged after the restart", ct);
        var sent = UserSessionMessage.SignedOutEverywhere("user-3");
        await PublishUntilHeardAsync(sent, heard, "the listener heard a message published after the restart", ct);
    }

    [Fact]
    public async Task WhenTheCircuitClosesWhileItsUserChannelIsSubscribing_ThenTheChannelIsNotLeftSubscribed()
    {
        // A SUBSCRIBE cancelled on our side still reaches Redis; left alone it would hold the channel,
        // and a queue nobody reads, for as long as the instance runs.
        var ct = TestContext.Current.CancellationToken;
        using var channel = await StartChannelAsync(new ListLogger<RedisUserSessionChannel>());
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Assert.Equal("OK", await _redis.ExecuteAsync(["CLIENT", "PAUSE", "1000", "ALL"], ct));
        closing.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.SubscribeAsync("user-4", _ => ValueTask.CompletedTask, closing.Token));

        // The pause ends after a second; the SUBSCRIBE and the UNSUBSCRIBE behind it then run in order.
        await UntilNoSubscriberAsync(RedisUserSessionChannel.ChannelName("test", "user-4"), ct);
    }

    [Fact]
    public async Task WhenTheFirstSubscribeSucceeds_ThenNoNudgeIsDelivered()
    {
        var ct = TestContext.Current.CancellationToken;
        using var channel = await StartChannelAsync(new ListLogger<RedisUserSessionChannel>(), patient: true);
        var heard = new List<UserSessionMessage>();
        await using var subscription = await channel.SubscribeAsync("user-2", Collect(heard), ct);

        var sent = UserSessionMessage.PasswordChanged("user-2", "session-2");
        await channel.PublishAsync(sent, ct);
        await Poll.UntilAsync(() => Snapshot(heard).Count > 0, Bound, "the listener heard the message", ct);
        // Two retry intervals: a nudge would have come by now.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.Equal([sent], Snapshot(heard));
    }

    [Fact]
    public async Task WhenACampaignChannelsSubscribeTimesOut_ThenTheNotifierIsNotLiveUntilARetrySubscribesIt_SoListenersCatchUp()
    {
        // Live means every channel is subscribed: a session that opened meanwhile missed what was
        // published before the retry, and catches up from the log only when LiveChanged says true.
        var ct = TestContext.Current.CancellationToken;
        await using var notifier = new RedisCampaignNotifier(await ConnectAsync(), FastOptions, TimeProvider.System,
            new ListLogger<RedisCampaignNotifier>());
        var changes = new List<bool>();
        notifier.LiveChanged += live =>
        {
            lock (changes)
            {
                changes.Add(live);
            }
        };
        var campaign = Guid.CreateVersion7();
        var heard = new List<long>();
        Assert.True(notifier.IsLive);

        Assert.Equal("OK", await _redis.ExecuteAsync(["CLIENT", "PAUSE", "1500", "ALL"], ct));
        await using var subscription = await notifier.SubscribeAsync(campaign, message =>
        {
            lock (heard)
            {
                heard.Add(message.Sequence);
            }

            return ValueTask.CompletedTask;
        }, ct);
        Assert.False(notifier.IsLive);

        await Poll.UntilAsync(() => notifier.IsLive, Bound, "the notifier is live again", ct);
        lock (changes)
        {
            Assert.Equal([false, true], changes);
        }

        var message = RealtimeTestMessages.Message(campaign, sequence: 1);
        await _redis.ExecuteAsync(["PUBLISH", FastOptions.Value.CampaignChannel(campaign), message.ToWire()], ct);
        await Poll.UntilAsync(() => { lock (heard) { return heard.Count == 1; } }, Bound, "the channel hears a later event", ct);
    }

    // Published by another client, as another instance would (the channel's own publish falls back on local
    // delivery when Redis does not answer in time), again until heard: the subscription may still be on its way.
    private Task PublishUntilHeardAsync(UserSessionMessage sent, List<UserSessionMessage> heard, string what, CancellationToken ct) =>
        Poll.UntilAsync(async () =>
        {
            await _redis.ExecuteAsync(["PUBLISH", RedisUserSessionChannel.ChannelName("test", sent.UserId), sent.ToWire()], ct);
            await Task.Delay(200, ct);
            return Snapshot(heard).Contains(sent);
        }, Bound, what, ct);

    [Fact]
    public async Task WhenEveryoneLeavesACampaignWhoseSubscribeTimedOut_ThenRedisKeepsNoSubscriber()
    {
        // The SUBSCRIBE given up on still completes at Redis once the pause ends; nothing may hold the
        // channel there after the last handler left.
        var ct = TestContext.Current.CancellationToken;
        await using var notifier = new RedisCampaignNotifier(await ConnectAsync(), FastOptions, TimeProvider.System,
            new ListLogger<RedisCampaignNotifier>());
        var campaign = Guid.CreateVersion7();
        Assert.Equal("OK", await _redis.ExecuteAsync(["CLIENT", "PAUSE", "1000", "ALL"], ct));

        var handler = await notifier.SubscribeAsync(campaign, _ => ValueTask.CompletedTask, ct);
        Assert.False(notifier.IsLive);
        await handler.DisposeAsync();

        await UntilNoSubscriberAsync(FastOptions.Value.CampaignChannel(campaign), ct);
    }

    // Polled: on a loaded machine the late SUBSCRIBE's answer, and the UNSUBSCRIBE sent after it, take a while.
    // Without the drop the count stays 1 for good.
    private Task UntilNoSubscriberAsync(string channel, CancellationToken ct) =>
        Poll.UntilAsync(async () => (await _redis.ExecuteAsync(["PUBSUB", "NUMSUB", channel], ct))?.Split('\n')[1] == "0",
            Bound, $"{channel} has no subscriber at Redis", ct);

    private static IOptions<RedisNotifierOptions> FastOptions { get; } =
        Options.Create(new RedisNotifierOptions { ChannelPrefix = "test", CommandTimeout = TimeSpan.FromMilliseconds(300) });

    // Tests that need the first SUBSCRIBE to succeed give it the production timeout and more: 0.3 s can pass
    // on a loaded CI machine while the subscription connection is still handshaking.
    private static IOptions<RedisNotifierOptions> PatientOptions { get; } =
        Options.Create(new RedisNotifierOptions { ChannelPrefix = "test", CommandTimeout = TimeSpan.FromSeconds(5) });

    private async Task<RedisUserSessionChannel> StartChannelAsync(ILogger<RedisUserSessionChannel> log, bool patient = false) =>
        new(await ConnectAsync(), patient ? PatientOptions : FastOptions, TimeProvider.System, log);

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var configuration = ConfigurationOptions.Parse(_redis.ConnectionString);
        configuration.AbortOnConnectFail = false;
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        return _multiplexer;
    }

    private static Func<UserSessionMessage, ValueTask> Collect(List<UserSessionMessage> into) => message =>
    {
        lock (into)
        {
            into.Add(message);
        }

        return ValueTask.CompletedTask;
    };

    private static List<UserSessionMessage> Snapshot(List<UserSessionMessage> messages)
    {
        lock (messages)
        {
            return [.. messages];
        }
    }
}
