namespace CampaignManager.Web.Realtime;

/// <summary>
/// The circuit reconnect policy as numbers: the nominal delay before an attempt doubles from the base up to
/// the cap, and the actual delay is drawn evenly from that nominal ± the jitter ratio, never above the cap.
/// The page gets <see cref="Schedule"/> (one <c>[min, max]</c> pair per attempt) and its
/// <c>retryIntervalMilliseconds</c> draws <c>min + floor((max - min + 1) × Math.random())</c>, exactly
/// what <see cref="Delay(int, ReconnectOptions, Random)"/> does here.
/// </summary>
public static class ReconnectBackoff
{
    // 2^40 times any base is far above any cap; clamping the exponent keeps the arithmetic finite.
    private const int MaxExponent = 40;

    /// <summary>
    /// The range of the delay before attempt number <paramref name="attempt"/> + 1 (<paramref name="attempt"/> is
    /// the number of attempts already made, as blazor.web.js counts), or null when no attempt is left.
    /// </summary>
    public static (int Min, int Max)? Range(int attempt, ReconnectOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (attempt >= options.MaxAttempts)
        {
            return null;
        }

        double cap = options.MaxDelayMilliseconds;
        var nominal = Math.Min(cap, options.BaseDelayMilliseconds * Math.Pow(2, Math.Min(attempt, MaxExponent)));
        var min = (int)Math.Floor(Math.Max(0, nominal * (1 - options.JitterRatio)));
        var max = (int)Math.Floor(Math.Min(cap, nominal * (1 + options.JitterRatio)));
        return (min, max);
    }

    /// <summary>Every attempt's range, in order: what the page renders.</summary>
    public static IReadOnlyList<(int Min, int Max)> Schedule(ReconnectOptions options) =>
        [.. Enumerable.Range(0, options.MaxAttempts).Select(attempt => Range(attempt, options)!.Value)];

    /// <summary>A delay for the attempt, drawn with <paramref name="random"/>; null when no attempt is left.</summary>
    public static int? Delay(int attempt, ReconnectOptions options, Random random) =>
        Delay(attempt, options, random.NextDouble());

    /// <summary>The delay for a uniform sample in [0, 1) (0 gives the range's minimum, just under 1 its maximum).</summary>
    public static int? Delay(int attempt, ReconnectOptions options, double sample)
    {
        if (Range(attempt, options) is not var (min, max))
        {
            return null;
        }

        return Math.Min(max, min + (int)Math.Floor((max - min + 1) * sample));
    }
}
