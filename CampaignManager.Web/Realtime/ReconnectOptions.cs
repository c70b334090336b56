using System.ComponentModel.DataAnnotations;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// How the browser retries a lost circuit (section <c>Realtime:Reconnect</c>): exponential backoff from
/// <see cref="BaseDelayMilliseconds"/>, doubling up to <see cref="MaxDelayMilliseconds"/>, each delay
/// spread by ±<see cref="JitterRatio"/> (never above the cap), at most <see cref="MaxAttempts"/> attempts.
/// <c>App.razor</c> renders the schedule that <see cref="ReconnectBackoff"/> computes from these into the page,
/// where <c>Blazor.start</c>'s <c>retryIntervalMilliseconds</c> picks from it.
/// </summary>
/// <remarks>
/// blazor.web.js 10.0 waits at least one second before any attempt that has a positive delay (its countdown
/// ticks once a second before it looks at the delay), so delays below 1000 ms behave as 1000 ms.
/// </remarks>
public sealed class ReconnectOptions : IValidatableObject
{
    public const string SectionName = "Realtime:Reconnect";

    /// <summary>The delay before the first attempt; each later attempt waits twice the one before.</summary>
    [Range(1, 3_600_000)]
    public int BaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>No delay is longer than this.</summary>
    [Range(1, 3_600_000)]
    public int MaxDelayMilliseconds { get; set; } = 32_000;

    /// <summary>After this many failed attempts the reconnect panel says "Could not reconnect".</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 30;

    /// <summary>Each delay is drawn from nominal × (1 ± ratio), so tabs dropped together don't come back together.</summary>
    [Range(0.0, 1.0)]
    public double JitterRatio { get; set; } = 0.2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDelayMilliseconds < BaseDelayMilliseconds)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(MaxDelayMilliseconds)} must not be less than {nameof(BaseDelayMilliseconds)}.",
                [nameof(MaxDelayMilliseconds)]);
        }
    }
}
