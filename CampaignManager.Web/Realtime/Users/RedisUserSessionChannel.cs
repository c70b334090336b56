using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CampaignManager.Web.Realtime.Users;

/// <summary>
/// User session messages across instances: one Redis pub/sub channel per user
/// (<c>{prefix}:user:{userId}</c>), subscribed only while this instance has a listener for that user.
/// A publish goes through Redis, so this instance hears its own messages the way the others do.
/// <para>
/// Unlike campaign events these messages are not logged, so a lost one cannot be replayed: when
/// Redis is unreachable a publish still reaches this instance's own listeners, and the other
/// instances fall back on the periodic security-stamp checks (cookie and circuit revalidation).
/// </para>
/// <para>
/// A SUBSCRIBE that fails or times out while Redis is connected (a loaded instance) is retried every
/// second, not only after a reconnect: until it succeeds the user's tabs on this instance hear nothing.
/// Once it does, and after the subscription connection was restored (the multiplexer subscribes again,
/// but what was published meanwhile is gone), the listeners get a <see cref="UserSessionChange.RolesChanged"/>
/// nudge, so every tab re-reads its user and catches what the database records of a missed message (a
/// password change, a sign-out everywhere, roles); one browser's sign-out is not recorded and stays missed.
/// </para>
/// </summary>
public sealed class RedisUserSessionChannel : IUserSessionChannel, IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly ISubscriber _subscriber;
    private readonly RedisNotifierOptions _options;
    private readonly ILogger<RedisUserSessionChannel> _logger;
    private readonly ConcurrentDictionary<string, UserSubscription> _users = new(StringComparer.Ordinal);
    private readonly ITimer _retry;

    public RedisUserSessionChannel(IConnectionMultiplexer redis, IOptions<RedisNotifierOptions> options, TimeProvider time,
        ILogger<RedisUserSessionChannel> logger)
    {
        _redis = redis;
        _subscriber = redis.GetSubscriber();
        _options = options.Value;
        _logger = logger;
        // The multiplexer re-subscribes what it knows after a reconnect; this picks up subscriptions
        // that could not be made while Redis was down.
        redis.ConnectionRestored += OnConnectionRestored;
        _retry = time.CreateTimer(_ => RetryPending(), null, RetryInterval, RetryInterval);
    }

    /// <summary>The Redis channel of one user.</summary>
    public static string ChannelName(string prefix, string userId) => $"{prefix}:user:{userId}";

    public async Task PublishAsync(UserSessionMessage message, CancellationToken ct)
    {
        try
        {
            await _subscriber.PublishAsync(ChannelOf(message.UserId), message.ToWire()).WaitAsync(_options.CommandTimeout, ct);
        }
        catch (Exception e) when (RedisSubscriptions.IsFailure(e))
        {
            _logger.LogWarning(e, "Publishing a {Change} message for user {UserId} to Redis failed; only this instance's tabs hear it",
                message.Change, message.UserId);
            if (_users.TryGetValue(message.UserId, out var local))
            {
                await local.OnMessage(message);
            }
        }
    }

    public async Task<IAsyncDisposable> SubscribeAsync(string userId, Func<UserSessionMessage, ValueTask> onMessage, CancellationToken ct)
    {
        var subscription = new UserSubscription(this, userId, ChannelOf(userId), onMessage);
        if (!_users.TryAdd(userId, subscription))
        {
            throw new InvalidOperationException($"User {userId} is already subscribed on this instance.");
        }

        try
        {
            await subscription.TrySubscribeAsync(retry: false, ct);
        }
        catch
        {
            // Cancelled (the circuit closed while opening): leave no entry behind, or every later
            // subscription of this user on this instance would be refused.
            await subscription.DisposeAsync();
            throw;
        }

        return subscription;
    }

    public void Dispose()
    {
        _redis.ConnectionRestored -= OnConnectionRestored;
        _retry.Dispose();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            // The multiplexer subscribed its channels again, but what was published while the
            // connection was down is gone: the listeners re-read their users.
            foreach (var subscription in _users.Values.Where(s => s.IsSubscribed))
            {
                _ = subscription.NudgeAsync("the connection to Redis was restored");
            }
        }

        RetryPending();
    }

    private void RetryPending()
    {
        if (!_redis.IsConnected)
        {
            return;
        }

        foreach (var subscription in _users.Values.Where(s => !s.IsSubscribed))
        {
            _ = subscription.TrySubscribeAsync(retry: true, CancellationToken.None);
        }
    }

    private RedisChannel ChannelOf(string userId) => RedisChannel.Literal(ChannelName(_options.ChannelPrefix, userId));

    private sealed class UserSubscription(RedisUserSessionChannel owner, string userId, RedisChannel channel, Func<UserSessionMessage, ValueTask> onMessage)
        : IAsyncDisposable
    {
        // Serializes SUBSCRIBE (first one, or a retry after an outage) with UNSUBSCRIBE.
        private readonly SemaphoreSlim _gate = new(1, 1);
        private ChannelMessageQueue? _queue;
        private bool _disposed;

        public Func<UserSessionMessage, ValueTask> OnMessage { get; } = onMessage;

        public bool IsSubscribed => Volatile.Read(ref _queue) is not null;

        /// <summary>
        /// Subscribes unless subscribed. A retry skips a subscription whose attempt is still under way,
        /// and after it succeeds nudges the listeners (messages may have been missed meanwhile).
        /// </summary>
        public async Task TrySubscribeAsync(bool retry, CancellationToken ct)
        {
            if (retry)
            {
                if (!await _gate.WaitAsync(0, ct))
                {
                    return;
                }
            }
            else
            {
                await _gate.WaitAsync(ct);
            }

            var subscribed = false;
            Task<ChannelMessageQueue>? subscribing = null;
            try
            {
                if (_disposed || _queue is not null)
                {
                    return;
                }

                subscribing = owner._subscriber.SubscribeAsync(channel);
                var queue = await subscribing.WaitAsync(owner._options.CommandTimeout, ct);
                queue.OnMessage(message => DispatchAsync(message.Message));
                Volatile.Write(ref _queue, queue);
                subscribed = true;
            }
            catch (Exception e) when (RedisSubscriptions.IsFailure(e))
            {
                owner._logger.LogWarning(e, "Subscribing to the session channel of user {UserId} failed; retrying", userId);
                _ = RedisSubscriptions.DropWhenSubscribedAsync(subscribing, owner._logger);
            }
            catch (OperationCanceledException)
            {
                // The circuit closed while subscribing.
                _ = RedisSubscriptions.DropWhenSubscribedAsync(subscribing, owner._logger);
                throw;
            }
            finally
            {
                _gate.Release();
            }

            if (subscribed && retry)
            {
                await NudgeAsync("subscribed on a retry");
            }
        }

        /// <summary>Messages may have been missed: the listeners re-read the user (a role-change message does that).</summary>
        public Task NudgeAsync(string why)
        {
            owner._logger.LogInformation("The listeners of user {UserId}'s session channel re-read the user: {Reason}", userId, why);
            return OnMessage(UserSessionMessage.RolesChanged(userId)).AsTask();
        }

        public async ValueTask DisposeAsync()
        {
            await _gate.WaitAsync();
            try
            {
                _disposed = true;
                owner._users.TryRemove(new KeyValuePair<string, UserSubscription>(userId, this));
                if (_queue is { } queue)
                {
                    _queue = null;
                    await queue.UnsubscribeAsync().WaitAsync(owner._options.CommandTimeout);
                }
            }
            catch (Exception e) when (RedisSubscriptions.IsFailure(e))
            {
                // The multiplexer forgot the subscription before sending UNSUBSCRIBE: at worst Redis
                // keeps sending a channel nobody reads until the connection drops.
                owner._logger.LogDebug(e, "Unsubscribing from the session channel of user {UserId} failed", userId);
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task DispatchAsync(RedisValue value)
        {
            UserSessionMessage message;
            try
            {
                message = UserSessionMessage.FromWire(value.ToString());
            }
            catch (Exception e)
            {
                owner._logger.LogWarning(e, "Ignoring a malformed message on the session channel of user {UserId}", userId);
                return;
            }

            // The channel is the user's; a message naming someone else is not for this user's tabs.
            if (message.UserId == userId)
            {
                await OnMessage(message);
            }
        }
    }
}
