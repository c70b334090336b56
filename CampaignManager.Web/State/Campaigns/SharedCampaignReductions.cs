using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Events;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>
/// The work on an event that every circuit of this instance would otherwise repeat, done once and
/// shared (one per instance, a singleton). A thousand circuits showing one campaign hold equal states
/// and receive the same event, so reducing it a thousand times gives a thousand equal results:
/// here the first circuit reduces it and the others get the same immutable result.
/// <para>
/// Results are remembered by the <em>reference</em> of the state they were reduced from and the
/// event's id, never by a sequence number: the reducers are pure (but for the highlights' start, which
/// is when the first circuit applied the event, a moment apart from the others), so the same state
/// object and the same event always give an equal result, and a circuit whose state differs in anything (another
/// stream position, another role, a load that differs) never meets another circuit's entry. Circuits
/// come to hold the same objects in the first place because equal loads are shared
/// (<see cref="Share"/>) and each shared result is shared again by the next event.
/// Entries live as long as a circuit holds the state they start from (weak tables): nothing to evict.
/// </para>
/// </summary>
public sealed class SharedCampaignReductions(TimeProvider time)
{
    private readonly ConditionalWeakTable<CampaignView, Step<CampaignView>> _views = new();
    private readonly ConditionalWeakTable<ImmutableList<ActivityItem>, Step<ImmutableList<ActivityItem>>> _activities = new();
    private readonly ConditionalWeakTable<Highlights, Step<Highlights>> _flashing = new();
    private readonly ConditionalWeakTable<CampaignEventEnvelope, EventFacts> _facts = new();
    private readonly ConditionalWeakTable<CampaignState, Step<CampaignState>> _states = new();

    // The latest shared load or result per campaign and access (role): where the next equal load joins.
    private readonly Dictionary<(Guid CampaignId, CampaignAccess Access), Lineage> _lineages = [];
    private readonly Lock _lineagesGate = new();

    /// <summary>Entries kept before dead lineages (no circuit holds them) are swept.</summary>
    private const int LineageSweepAt = 256;

    /// <summary>Reductions of its own on the system clock (tests, tools): nothing is shared with other circuits.</summary>
    public SharedCampaignReductions()
        : this(TimeProvider.System)
    {
    }

    /// <summary>
    /// A loaded campaign and its activity, exchanged for the equal ones another circuit of this
    /// instance already holds (compared by content), so that both share every later result.
    /// </summary>
    public (CampaignView Campaign, ImmutableList<ActivityItem> Activity) Share(CampaignView loaded, ImmutableList<ActivityItem> activity)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(activity);
        var json = Content(loaded);
        lock (_lineagesGate)
        {
            var key = (loaded.Id, loaded.Access);
            if (_lineages.TryGetValue(key, out var lineage) && lineage.View.TryGetTarget(out var held))
            {
                if (held.StreamSequence == loaded.StreamSequence && (lineage.Json ??= Content(held)) == json)
                {
                    // Same content: the circuit takes the shared objects (and the activity too when equal).
                    if (lineage.Activity?.TryGetTarget(out var heldActivity) == true && heldActivity.SequenceEqual(activity))
                    {
                        return (held, heldActivity);
                    }

                    lineage.Activity = new WeakReference<ImmutableList<ActivityItem>>(activity);
                    return (held, activity);
                }

                if (held.StreamSequence > loaded.StreamSequence)
                {
                    return (loaded, activity); // An older load than the lineage: leave the lineage alone.
                }
            }
            else if (_lineages.Count >= LineageSweepAt)
            {
                foreach (var dead in _lineages.Where(l => !l.Value.View.TryGetTarget(out _)).Select(l => l.Key).ToList())
                {
                    _lineages.Remove(dead);
                }
            }

            _lineages[key] = new Lineage(new WeakReference<CampaignView>(loaded), json) { Activity = new WeakReference<ImmutableList<ActivityItem>>(activity) };
            return (loaded, activity);
        }
    }

    /// <summary>
    /// A loaded circuit state exchanged for an equal one another circuit of this instance already holds
    /// (once <see cref="Share"/> gave both the same view and activity), so that <see cref="ApplyState"/>
    /// hands both the same next state.
    /// </summary>
    public CampaignState ShareState(CampaignState loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (loaded.Campaign is not { } view)
        {
            return loaded;
        }

        lock (_lineagesGate)
        {
            if (!_lineages.TryGetValue((view.Id, view.Access), out var lineage) || !lineage.View.TryGetTarget(out var held) || !ReferenceEquals(held, view))
            {
                return loaded;
            }

            if (lineage.State?.TryGetTarget(out var state) == true && state.Equals(loaded))
            {
                return state;
            }

            lineage.State = new WeakReference<CampaignState>(loaded);
            return loaded;
        }
    }

    /// <summary>
    /// A circuit's whole state after the event, once per (state object, event) on this instance: circuits that
    /// hold the same state get the same next state, not an equal copy each (with a thousand circuits, a
    /// thousand objects fewer per event). <paramref name="reduce"/> must be pure in (state, event), as the
    /// feature's reducers are.
    /// </summary>
    public CampaignState ApplyState(CampaignState state, CampaignEventEnvelope envelope, Func<CampaignState, CampaignEventEnvelope, CampaignState> reduce)
    {
        var (next, computed) = Remember(_states, state, envelope.Id, envelope, reduce);
        if (computed && next.Campaign is { } view)
        {
            // The lineage moved on with the view (Apply); a circuit loading at this position joins this state.
            lock (_lineagesGate)
            {
                if (_lineages.TryGetValue((view.Id, view.Access), out var lineage) && lineage.View.TryGetTarget(out var held) && ReferenceEquals(held, view))
                {
                    lineage.State = new WeakReference<CampaignState>(next);
                }
            }
        }

        return next;
    }

    /// <summary><see cref="CampaignEventReducer.Apply"/>, once per (view object, event) on this instance.</summary>
    public CampaignView Apply(CampaignView view, CampaignEventEnvelope envelope)
    {
        var (next, computed) = Remember(_views, view, envelope.Id, envelope, static (v, e) => CampaignEventReducer.Apply(v, e));
        if (computed)
        {
            Advance(next);
        }

        return next;
    }

    /// <summary>The activity feed with the event's line added (at most <see cref="CampaignState.MaxActivity"/> lines).</summary>
    public ImmutableList<ActivityItem> AddActivity(ImmutableList<ActivityItem> activity, CampaignEventEnvelope envelope) =>
        Remember(_activities, activity, envelope.Id, Facts(envelope).Activity, static (list, item) =>
        {
            if (item is null || list.Any(a => a.Sequence == item.Sequence))
            {
                return list;
            }

            var added = list.Add(item);
            return added.Count > CampaignState.MaxActivity ? added.RemoveRange(0, added.Count - CampaignState.MaxActivity) : added;
        }).Result;

    /// <summary>The highlights with what the event changed lit from now (the first circuit's now: they all got the event together).</summary>
    public Highlights AddFlashing(Highlights flashing, CampaignEventEnvelope envelope) =>
        Remember(_flashing, flashing, envelope.Id, (Ids: Facts(envelope).ChangedIds, envelope.Sequence, Time: time), static (highlights, change) =>
            change.Ids.Count == 0 ? highlights : highlights.With(change.Ids, change.Sequence, change.Time)).Result;

    private EventFacts Facts(CampaignEventEnvelope envelope) =>
        _facts.GetValue(envelope, static e => new EventFacts([.. CampaignEventReducer.ChangedIds(e)], ActivityItem.From(e)));

    // The result of reduce(prior, input) for this event, computed by the first circuit to ask.
    private static (TState Result, bool Computed) Remember<TState, TInput>(
        ConditionalWeakTable<TState, Step<TState>> table, TState prior, Guid eventId, TInput input, Func<TState, TInput, TState> reduce)
        where TState : class
    {
        var step = table.GetValue(prior, static _ => new Step<TState>());
        lock (step)
        {
            if (step.EventId == eventId && step.Result?.TryGetTarget(out var shared) == true)
            {
                return (shared, false);
            }

            var next = reduce(prior, input);
            step.EventId = eventId;
            // Weak: a chain of results must not keep every past state alive through its first one.
            step.Result = new WeakReference<TState>(next);
            return (next, true);
        }
    }

    // A new result moves its lineage on, so a circuit that loads now (at the same position) can join it.
    private void Advance(CampaignView next)
    {
        lock (_lineagesGate)
        {
            var key = (next.Id, next.Access);
            if (_lineages.TryGetValue(key, out var lineage) && lineage.View.TryGetTarget(out var held)
                && held.StreamSequence < next.StreamSequence)
            {
                // The activity has its own results; the next load at this position brings one.
                _lineages[key] = new Lineage(new WeakReference<CampaignView>(next), null);
            }
        }
    }

    private static string Content(CampaignView view) => JsonSerializer.Serialize(view, CampaignEventJson.Options);

    private sealed class Step<TState>
        where TState : class
    {
        public Guid EventId { get; set; }

        public WeakReference<TState>? Result { get; set; }
    }

    private sealed record EventFacts(IReadOnlyList<Guid> ChangedIds, ActivityItem? Activity);

    /// <summary>A shared view (held weakly: the circuits keep it alive), its content once compared, and the activity loaded with it.</summary>
    private sealed class Lineage(WeakReference<CampaignView> view, string? json)
    {
        public WeakReference<CampaignView> View { get; } = view;

        public string? Json { get; set; } = json;

        public WeakReference<ImmutableList<ActivityItem>>? Activity { get; set; }

        /// <summary>The circuit state built on <see cref="View"/> that circuits hold (<see cref="ShareState"/>).</summary>
        public WeakReference<CampaignState>? State { get; set; }
    }
}
