using System.Collections.Concurrent;

namespace CampaignManager.Web.Realtime.Users;

/// <summary>The default (one instance, no Redis): a publish reaches this instance's listeners directly.</summary>
public sealed class InMemoryUserSessionChannel : IUserSessionChannel
{
    private readonly ConcurrentDictionary<string, Func<UserSessionMessage, ValueTask>> _users = new(StringComparer.Ordinal);

    public async Task PublishAsync(UserSessionMessage message, CancellationToken ct)
    {
        if (_users.TryGetValue(message.UserId, out var onMessage))
        {
            await onMessage(message);
        }
    }

    public Task<IAsyncDisposable> SubscribeAsync(string userId, Func<UserSessionMessage, ValueTask> onMessage, CancellationToken ct)
    {
        if (!_users.TryAdd(userId, onMessage))
        {
            throw new InvalidOperationException($"User {userId} is already subscribed on this instance.");
        }

        return Task.FromResult<IAsyncDisposable>(new Subscription(() => _users.TryRemove(userId, out _)));
    }

    private sealed class Subscription(Action remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}
