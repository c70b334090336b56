namespace CampaignManager.Web.Realtime.Users;

/// <summary>
/// The transport of user session messages: in-memory on a single instance, Redis pub/sub
/// (<c>{prefix}:user:{userId}</c>) across instances. <see cref="UserSessionEvents"/> is its only
/// caller and subscribes each user at most once per instance.
/// </summary>
public interface IUserSessionChannel
{
    /// <summary>Sends to every instance that listens to the user (this one included).</summary>
    Task PublishAsync(UserSessionMessage message, CancellationToken ct);

    /// <summary>Listens to one user's channel until the result is disposed.</summary>
    Task<IAsyncDisposable> SubscribeAsync(string userId, Func<UserSessionMessage, ValueTask> onMessage, CancellationToken ct);
}
