using System.Security.Claims;

namespace CampaignManager.Web.Realtime.Users;

/// <summary>
/// Session changes of users (sign-out, password change, site roles), for every instance. Publishers
/// call <see cref="PublishAsync"/>; a circuit calls <see cref="ListenAsync"/> for its own user. The
/// instance subscribes to a user's channel when the first local listener of that user arrives and
/// unsubscribes when the last one leaves. Each message that arrives goes once to every registered
/// <see cref="IUserSessionHandler"/>, then to every local listener of that user.
/// Singleton: it holds only the instance-wide table of listeners.
/// </summary>
public sealed class UserSessionEvents(
    IUserSessionChannel channel,
    IEnumerable<IUserSessionHandler> handlers,
    ILogger<UserSessionEvents> logger)
{
    private readonly IUserSessionHandler[] _handlers = [.. handlers];
    private readonly Dictionary<string, UserListeners> _users = new(StringComparer.Ordinal);
    // Changes the table and subscribes/unsubscribes under one gate, so a user's first SUBSCRIBE and
    // last UNSUBSCRIBE never race. Only circuit starts and ends take it.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Users whose channel this instance listens to (for tests and diagnostics).</summary>
    internal int UserCount
    {
        get
        {
            lock (_users)
            {
                return _users.Count;
            }
        }
    }

    public Task PublishAsync(UserSessionMessage message, CancellationToken ct = default)
    {
        logger.LogInformation("Session change {Change} for user {UserId}", message.Change, message.UserId);
        return channel.PublishAsync(message, ct);
    }

    /// <summary>
    /// Listens to the session changes of the signed-in <paramref name="user"/> until the result is
    /// disposed. The channel is the principal's own: nobody can listen to another user's channel.
    /// </summary>
    public async Task<IAsyncDisposable> ListenAsync(ClaimsPrincipal user, Func<UserSessionMessage, ValueTask> onMessage, CancellationToken ct = default)
    {
        var userId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (string.IsNullOrEmpty(userId))
        {
            throw new UnauthorizedAccessException("Only a signed-in user can listen to their session changes.");
        }

        var listener = new Listener(this, userId, onMessage);
        await _gate.WaitAsync(ct);
        try
        {
            UserListeners? entry;
            lock (_users)
            {
                _users.TryGetValue(userId, out entry);
            }

            if (entry is null)
            {
                entry = new UserListeners();
                lock (_users)
                {
                    _users[userId] = entry;
                }

                try
                {
                    entry.Subscription = await channel.SubscribeAsync(userId, message => DeliverAsync(entry, message), ct);
                }
                catch
                {
                    lock (_users)
                    {
                        _users.Remove(userId);
                    }

                    throw;
                }
            }

            entry.Listeners = [.. entry.Listeners, listener];
        }
        finally
        {
            _gate.Release();
        }

        return listener;
    }

    private async ValueTask RemoveAsync(Listener listener)
    {
        await _gate.WaitAsync();
        try
        {
            UserListeners? entry;
            lock (_users)
            {
                if (!_users.TryGetValue(listener.UserId, out entry))
                {
                    return;
                }
            }

            entry.Listeners = [.. entry.Listeners.Where(l => l != listener)];
            if (entry.Listeners.Length > 0)
            {
                return;
            }

            lock (_users)
            {
                _users.Remove(listener.UserId);
            }

            if (entry.Subscription is { } subscription)
            {
                await subscription.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask DeliverAsync(UserListeners entry, UserSessionMessage message)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.HandleAsync(message, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Session handler {Handler} failed on {Change} for user {UserId}", handler.GetType().Name, message.Change, message.UserId);
            }
        }

        foreach (var listener in entry.Listeners)
        {
            try
            {
                await listener.OnMessage(message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "A session listener failed on {Change} for user {UserId}", message.Change, message.UserId);
            }
        }
    }

    private sealed class UserListeners
    {
        private volatile Listener[] _listeners = [];

        public IAsyncDisposable? Subscription { get; set; }

        /// <summary>Replaced, never mutated, so delivery reads it without the gate.</summary>
        public Listener[] Listeners
        {
            get => _listeners;
            set => _listeners = value;
        }
    }

    private sealed class Listener(UserSessionEvents owner, string userId, Func<UserSessionMessage, ValueTask> onMessage) : IAsyncDisposable
    {
        private int _disposed;

        public string UserId { get; } = userId;

        public Func<UserSessionMessage, ValueTask> OnMessage { get; } = onMessage;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? owner.RemoveAsync(this) : ValueTask.CompletedTask;
    }
}
