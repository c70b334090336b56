using StackExchange.Redis;

namespace CampaignManager.Web.Realtime;

/// <summary>What the campaign notifier and the user channel share about Redis pub/sub.</summary>
internal static class RedisSubscriptions
{
    /// <summary>Redis failed or did not answer in time (as opposed to a bug or a cancellation).</summary>
    public static bool IsFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>
    /// A SUBSCRIBE given up on (timed out, or cancelled) still completes at Redis, and its queue, which
    /// nobody reads, would hold the channel there for as long as the instance runs. Its own queue is
    /// unsubscribed once it exists: an unsubscribe sent before Redis answered would not reach Redis, and a
    /// retry's queue, if any, keeps the channel.
    /// </summary>
    public static async Task DropWhenSubscribedAsync(Task<ChannelMessageQueue>? subscribing, ILogger logger)
    {
        if (subscribing is null)
        {
            return;
        }

        try
        {
            var queue = await subscribing;
            await queue.UnsubscribeAsync(CommandFlags.FireAndForget);
        }
        catch (Exception e) when (IsFailure(e) || e is OperationCanceledException)
        {
            logger.LogDebug(e, "Dropping a given-up subscription failed");
        }
    }
}
