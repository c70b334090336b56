using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// The notifier for several instances: one Redis pub/sub channel per campaign
/// (<c>{prefix}:campaign:{id}</c>), subscribed while at least one local handler needs it and
/// unsubscribed after the last one leaves. A publish goes through Redis, so this instance hears its
/// own events the same way the others do (once).
/// <para>
/// When Redis is unreachable, <see cref="PublishAsync"/> hands the event to this instance's own
/// handlers (local delivery goes on) and throws <see cref="NotifierUnavailableException"/> — at once
/// when Redis is known to be down, else after <see cref="RedisNotifierOptions.CommandTimeout"/> — so
/// the event stays in the log for the relay.
/// <see cref="IsLive"/> follows the multiplexer's connection events; when Redis is back, every
/// channel is checked to be subscribed again before <see cref="LiveChanged"/> says true.
/// A SUBSCRIBE that fails or times out while Redis is connected (a loaded instance) also turns it
/// false until the probe has subscribed that channel: what was published meanwhile never reached this
/// instance, and the listeners catch up from the log when it turns true.
/// </para>
/// </summary>
public sealed class RedisCampaignNotifier : ICampaignNotifier, IAsyncDisposable
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly ISubscriber _subscriber;
    private readonly RedisNotifierOptions _options;
    private readonly ILogger<RedisCampaignNotifier> _logger;

    // _channels is read without the gate (publish, delivery); it is changed, and Redis is
    // subscribed or unsubscribed, only under the gate, so SUBSCRIBE/UNSUBSCRIBE of one campaign never race.
    private readonly ConcurrentDictionary<Guid, CampaignChannel> _channels = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _liveGate = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly ITimer _probe;
    private volatile bool _live;
    private int _restoring;
    private int _probeMisses; // only the timer touches it
    private bool _disposed;

    public RedisCampaignNotifier(
        IConnectionMultiplexer redis,
        IOptions<RedisNotifierOptions> options,
        TimeProvider time,
        ILogger<RedisCampaignNotifier> logger)
    {
        _redis = redis;
        _subscriber = redis.GetSubscriber();
        _options = options.Value;
        _logger = logger;
        // Optimistic about the subscription connection: right after Connect it may still be
        // handshaking, and a "paused" blip at every start would only send sessions to the log.
        _live = redis.IsConnected;
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        // Connection events are the fast path; this probe catches what they don't say (the first
        // connection after a start without Redis) and retries channels that failed to subscribe.
        _probe = time.CreateTimer(_ => Probe(), null, ProbeInterval, ProbeInterval);
    }

    public bool IsLive => _live;

    public event Action<bool>? LiveChanged;

    /// <summary>Campaign channels this instance holds (for tests and diagnostics).</summary>
    internal int ChannelCount => _channels.Count;

    public async Task PublishAsync(CampaignEventMessage message, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_live || !_redis.IsConnected)
        {
            // Fail fast while Redis is known to be down: the next publishes of the same command
            // must not each wait for the timeout.
            await DeliverLocallyAsync(message);
            throw new NotifierUnavailableException("Redis is not reachable; the event stays in the event log for the relay.");
        }

        try
        {
            await _subscriber.PublishAsync(ChannelOf(message.CampaignId), message.ToWire())
                .WaitAsync(_options.CommandTimeout, ct);
        }
        catch (Exception e) when (RedisSubscriptions.IsFailure(e))
        {
            // The connection may look fine while the server is gone: count it as down until the
            // probe sees it answer again (and then re-checks the subscriptions, as after any outage).
            _logger.LogDebug(e, "Publishing to Redis failed");
            SetLive(false, $"a publish failed ({e.GetType().Name})");
            await DeliverLocallyAsync(message);
            throw new NotifierUnavailableException(
                $"Redis did not take the event ({e.GetType().Name}); it stays in the event log for the relay.", e);
        }
    }

    public async Task<IAsyncDisposable> SubscribeAsync(Guid campaignId, Func<CampaignEventMessage, ValueTask> onMessage, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var handler = new Handler(this, campaignId, onMessage);
        await _gate.WaitAsync(ct);
        try
        {
            var channel = _channels.GetOrAdd(campaignId, id => new CampaignChannel(ChannelOf(id)));
            channel.Handlers = [.. channel.Handlers, handler];
            if (channel.Queue is null && _redis.IsConnected)
            {
                // While Redis is down the channel stays pending; the restore subscribes it. (A
                // subscription connection still handshaking is fine: the SUBSCRIBE waits for it.)
                await TrySubscribeAsync(channel);
            }
        }
        finally
        {
            _gate.Release();
        }

        return handler;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
        await _probe.DisposeAsync();
        await _disposing.CancelAsync();
        foreach (var channel in _channels.Values)
        {
            if (channel.Queue is { } queue)
            {
                await UnsubscribeQuietlyAsync(queue, CommandFlags.FireAndForget);
            }
        }

        _channels.Clear();
    }

    private async ValueTask RemoveAsync(Handler handler)
    {
        if (_disposed)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            if (!_channels.TryGetValue(handler.CampaignId, out var channel))
            {
                return;
            }

            channel.Handlers = [.. channel.Handlers.Where(h => h != handler)];
            if (channel.Handlers.Length > 0)
            {
                return;
            }

            _channels.TryRemove(handler.CampaignId, out _);
            if (channel.Queue is { } queue)
            {
                channel.Queue = null;
                // While Redis is down there is nothing to wait for (and shutdown must not wait per channel).
                await UnsubscribeQuietlyAsync(queue, _live ? CommandFlags.None : CommandFlags.FireAndForget);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> TrySubscribeAsync(CampaignChannel channel)
    {
        Task<ChannelMessageQueue>? subscribing = null;
        try
        {
            subscribing = _subscriber.SubscribeAsync(channel.Channel);
            var queue = await subscribing.WaitAsync(_options.CommandTimeout, _disposing.Token);
            // The queue hands messages over one at a time, in order (a handler subscription would not).
            queue.OnMessage(message => DispatchAsync(channel, message.Message));
            channel.Queue = queue;
            return true;
        }
        catch (Exception e) when (RedisSubscriptions.IsFailure(e))
        {
            _logger.LogWarning(e, "Subscribing to Redis channel {Channel} failed; retrying when Redis answers", channel.Channel.ToString());
            _ = RedisSubscriptions.DropWhenSubscribedAsync(subscribing, _logger);
            SetLive(false, $"subscribing a campaign channel failed ({e.GetType().Name})");
            return false;
        }
    }

    private async Task UnsubscribeQuietlyAsync(ChannelMessageQueue queue, CommandFlags flags)
    {
        try
        {
            // The multiplexer forgets the subscription before it sends UNSUBSCRIBE, so a failure here
            // only leaves the server sending a channel nobody reads until the connection drops.
            await queue.UnsubscribeAsync(flags).WaitAsync(_options.CommandTimeout);
        }
        catch (Exception e) when (RedisSubscriptions.IsFailure(e))
        {
            _logger.LogDebug(e, "Unsubscribing from Redis channel {Channel} failed", queue.Channel.ToString());
        }
    }

    private async Task DispatchAsync(CampaignChannel channel, RedisValue value)
    {
        CampaignEventMessage message;
        try
        {
            message = CampaignEventMessage.FromWire(value.ToString());
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Ignoring a malformed message on Redis channel {Channel}", channel.Channel.ToString());
            return;
        }

        await InvokeAsync(channel.Handlers, message);
    }

    private async Task DeliverLocallyAsync(CampaignEventMessage message)
    {
        if (_channels.TryGetValue(message.CampaignId, out var channel))
        {
            await InvokeAsync(channel.Handlers, message);
        }
    }

    private async Task InvokeAsync(Handler[] handlers, CampaignEventMessage message)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler.OnMessage(message);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "A realtime handler of campaign {CampaignId} failed on event {Sequence} ({Audience})",
                    message.CampaignId, message.Sequence, message.Audience);
            }
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        // Raised again on every failed reconnect attempt; the details go to debug, the state change
        // is logged once by SetLive.
        _logger.LogDebug(e.Exception, "Redis connection failed ({ConnectionType} to {EndPoint}: {FailureType})",
            e.ConnectionType, e.EndPoint?.ToString(), e.FailureType);
        SetLive(false, $"{e.ConnectionType} connection to {e.EndPoint}: {e.FailureType}");
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        _logger.LogInformation("Redis connection restored ({ConnectionType} to {EndPoint})", e.ConnectionType, e.EndPoint?.ToString());
        _ = RestoreAsync();
    }

    private void Probe()
    {
        if (_disposed)
        {
            return;
        }

        if (!IsConnectedNow())
        {
            // Connection events report failures at once; this is the fallback, and it takes a
            // second look so a connection that is still handshaking doesn't count as lost.
            if (++_probeMisses >= 2)
            {
                SetLive(false, "not connected");
            }

            return;
        }

        _probeMisses = 0;
        if (!_live || _channels.Values.Any(c => c.Queue is null))
        {
            _ = RestoreAsync();
        }
    }

    /// <summary>
    /// After a reconnect: makes sure every campaign channel is subscribed, then turns live. The
    /// multiplexer re-subscribes the channels it knows by itself; this checks it did (after a round
    /// trip on the subscription connection), subscribes those that were pending while Redis was down,
    /// and subscribes afresh any it lost.
    /// </summary>
    private async Task RestoreAsync()
    {
        if (Interlocked.Exchange(ref _restoring, 1) == 1)
        {
            return;
        }

        try
        {
            if (_disposed || !IsConnectedNow())
            {
                return;
            }

            await _gate.WaitAsync(_disposing.Token);
            var pending = 0;
            try
            {
                await _subscriber.PingAsync().WaitAsync(_options.CommandTimeout, _disposing.Token);
                foreach (var channel in _channels.Values)
                {
                    if (channel.Queue is { } queue && _subscriber.SubscribedEndpoint(channel.Channel) is null)
                    {
                        _logger.LogWarning("Redis channel {Channel} was not subscribed again after the reconnect; subscribing afresh", channel.Channel.ToString());
                        channel.Queue = null;
                        await UnsubscribeQuietlyAsync(queue, CommandFlags.FireAndForget);
                    }

                    if (channel.Queue is null && !await TrySubscribeAsync(channel))
                    {
                        pending++;
                    }
                }
            }
            finally
            {
                _gate.Release();
            }

            if (pending == 0 && IsConnectedNow())
            {
                SetLive(true, "connected, every campaign channel subscribed");
            }
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (RedisSubscriptions.IsFailure(e))
        {
            _logger.LogDebug(e, "Restoring the Redis subscriptions failed; the probe tries again");
        }
        catch (Exception e)
        {
            // Nobody awaits this task: whatever went wrong is logged here, and the probe tries again.
            _logger.LogError(e, "Restoring the Redis subscriptions failed; the probe tries again");
        }
        finally
        {
            Volatile.Write(ref _restoring, 0);
        }
    }

    private void SetLive(bool live, string reason)
    {
        // Under the lock, so two quick changes can't reach listeners in the wrong order.
        lock (_liveGate)
        {
            if (_live == live || (live && _disposed))
            {
                return;
            }

            _live = live;
            // The reason names an endpoint at most, never the connection string (it may hold a password).
            if (live)
            {
                _logger.LogInformation("Redis is reachable ({Reason}); live updates resumed on {ChannelCount} campaign channels",
                    reason, _channels.Count);
            }
            else
            {
                _logger.LogWarning("Live updates paused ({Reason}): Redis is unreachable or did not answer, events wait in the log", reason);
            }

            foreach (var listener in LiveChanged?.GetInvocationList().Cast<Action<bool>>() ?? [])
            {
                try
                {
                    listener(live);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "A live-state listener failed");
                }
            }
        }
    }

    private bool IsConnectedNow() => _redis.IsConnected && _subscriber.IsConnected();

    private RedisChannel ChannelOf(Guid campaignId) => RedisChannel.Literal(_options.CampaignChannel(campaignId));


    private sealed class CampaignChannel(RedisChannel channel)
    {
        private volatile Handler[] _handlers = [];
        private volatile ChannelMessageQueue? _queue;

        public RedisChannel Channel { get; } = channel;

        /// <summary>Replaced, never mutated, so delivery reads it without the gate.</summary>
        public Handler[] Handlers
        {
            get => _handlers;
            set => _handlers = value;
        }

        /// <summary>Null while the channel is not subscribed on Redis (Redis was down, or the SUBSCRIBE failed).</summary>
        public ChannelMessageQueue? Queue
        {
            get => _queue;
            set => _queue = value;
        }
    }

    private sealed class Handler(RedisCampaignNotifier owner, Guid campaignId, Func<CampaignEventMessage, ValueTask> onMessage) : IAsyncDisposable
    {
        public Guid CampaignId { get; } = campaignId;

        public Func<CampaignEventMessage, ValueTask> OnMessage { get; } = onMessage;

        public ValueTask DisposeAsync() => owner.RemoveAsync(this);
    }
}
