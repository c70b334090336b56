using System.Collections.Immutable;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>
/// What changed a moment ago, so the UI can light it up: per entity, the event that changed it and
/// when this instance applied it. A highlight ends by itself in the browser: app.css shows it and
/// wwwroot/js/highlight-fade.js fades it out at the end of <see cref="Duration"/> (a 1.2 s hold with
/// no animation running, then a 0.3 s fade), and a render after that no longer marks the entity.
/// Nothing is dispatched when a highlight ends, so a thousand circuits do no work (and keep nothing
/// alive) for it (docs/benchmarks.md, "The highlight without timers").
/// <para>Immutable; shared by the circuits of an instance like the rest of the campaign's state.</para>
/// </summary>
public sealed class Highlights
{
    /// <summary>The class of an entity lit by an event of even sequence (app.css shows it, highlight-fade.js fades it out).</summary>
    public const string CssClass = "cm-flash";

    /// <summary>The classes of an entity lit by an event of odd sequence: a second change mid-highlight changes the class attribute, which starts the hold and fade over (highlight-fade.js).</summary>
    public const string AgainCssClass = "cm-flash cm-flash-again";

    private readonly ImmutableDictionary<Guid, Lit> _lit;
    private readonly TimeProvider _time;

    private Highlights(ImmutableDictionary<Guid, Lit> lit, TimeProvider time)
    {
        _lit = lit;
        _time = time;
    }

    /// <summary>How long an entity stays highlighted after an event changed it (highlight-fade.js's hold plus app.css's fade: 1.2 + 0.3 s).</summary>
    public static TimeSpan Duration { get; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Nothing highlighted.</summary>
    public static Highlights None { get; } = new(ImmutableDictionary<Guid, Lit>.Empty, TimeProvider.System);

    /// <summary>Entities still held (lit, or ended and not yet dropped by a later <see cref="With"/>).</summary>
    public int Count => _lit.Count;

    /// <summary>These highlights with <paramref name="ids"/> lit from now by event <paramref name="sequence"/>; ended ones are dropped.</summary>
    public Highlights With(IReadOnlyList<Guid> ids, long sequence, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetTimestamp();
        var next = _lit.ToBuilder();
        foreach (var (id, lit) in _lit)
        {
            if (HasEnded(lit, time, now))
            {
                next.Remove(id);
            }
        }

        foreach (var id in ids)
        {
            next[id] = new Lit(sequence, now);
        }

        return new Highlights(next.ToImmutable(), time);
    }

    /// <summary>True while <paramref name="entityId"/> changed less than <see cref="Duration"/> ago.</summary>
    public bool IsLit(Guid entityId) => TryGetLit(entityId, out _);

    /// <summary>The CSS class that lights the entity up, or null when it is not lit.</summary>
    public string? CssClassFor(Guid entityId) =>
        TryGetLit(entityId, out var lit) ? (lit.Sequence % 2 == 0 ? CssClass : AgainCssClass) : null;

    private bool TryGetLit(Guid entityId, out Lit lit) =>
        _lit.TryGetValue(entityId, out lit) && !HasEnded(lit, _time, _time.GetTimestamp());

    private static bool HasEnded(Lit lit, TimeProvider time, long now) => time.GetElapsedTime(lit.Since, now) >= Duration;

    /// <param name="Sequence">The event that lit it (its parity picks the animation).</param>
    /// <param name="Since">When this instance applied it, on the monotonic clock (<see cref="TimeProvider.GetTimestamp"/>).</param>
    private readonly record struct Lit(long Sequence, long Since);
}
