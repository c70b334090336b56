namespace CampaignManager.Web.Hubs;

/// <summary>
/// A token bucket for one connection: <c>capacity</c> calls at once, refilled at <c>perSecond</c>.
/// Refilled lazily on each take, so an idle connection costs no timer.
/// </summary>
public sealed class TokenBucket(int capacity, double perSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = capacity;
    private long _refilledAt = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(capacity, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
