using System.Collections.Concurrent;
using System.Diagnostics;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;

namespace CampaignManager.Benchmarks;

/// <summary>
/// Every event the driver committed, by id, each with a slot under which the sessions and router
/// probes keep their timestamps (arrays instead of dictionaries: nothing allocates per delivery).
/// Filled by <see cref="CommitClock"/> right after each commit, before the app publishes the event,
/// so a delivery always finds its event here.
/// </summary>
internal sealed class EventRegistry(int capacity, bool learnsFromDeliveries = false)
{
    private static readonly CommitRecord Elsewhere = new(-1, "elsewhere", 0);

    private readonly ConcurrentDictionary<Guid, EventRecord> _byId = new();
    private readonly EventRecord?[] _bySlot = new EventRecord?[capacity];
    private readonly List<CommitRecord> _commits = [];
    private readonly Lock _gate = new();
    private int _count;
    private long _delivered;
    private long _routerRepeats;

    public int Capacity => capacity;

    /// <summary>False while the write path warms up before the sessions open: those commits are not events of the run.</summary>
    public bool Recording { get; set; } = true;

    /// <summary>The phase the driver is in; commits are tagged with it.</summary>
    public string Phase { get; set; } = "setup";

    /// <summary>Events that did not fit (a bug in the capacity estimate); must stay 0.</summary>
    public int Overflow { get; private set; }

    /// <summary>Router probe timestamps per instance and slot: the first local subscriber got the event (it came off Redis).</summary>
    public long[][] RouterFirst { get; } = [new long[capacity], new long[capacity]];

    /// <summary>Router probe timestamps per instance and slot: the last local subscriber got the event (the hand-out ended).</summary>
    public long[][] RouterLast { get; } = [new long[capacity], new long[capacity]];

    /// <summary>The same event reached a router probe again (the relay republished it, or Redis delivered it twice).</summary>
    public long RouterRepeats => Interlocked.Read(ref _routerRepeats);

    /// <summary>Distinct (session, event) deliveries that reached a store, over the whole run.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    public IReadOnlyList<CommitRecord> Commits
    {
        get
        {
            lock (_gate)
            {
                return [.. _commits];
            }
        }
    }

    public IReadOnlyList<EventRecord> Events
    {
        get
        {
            var count = Volatile.Read(ref _count);
            return [.. _bySlot.Take(count).OfType<EventRecord>()];
        }
    }

    /// <summary>Per slot, the envelope as a session's store received it (the first one seen; kept for <see cref="DeliveryCost"/>).</summary>
    public CampaignEventEnvelope?[] Envelopes { get; } = new CampaignEventEnvelope?[capacity];

    /// <summary>
    /// The event's record. A registry that learns from deliveries (in an instance's own process, where no
    /// commit happens: <see cref="CircuitInstanceCommand"/>) gives an event it has not seen the next slot;
    /// the driver's process maps those slots back to its own by id. The stream comes from the receiver
    /// (<paramref name="audience"/>): an envelope's visibility is not its stream's (the game masters'
    /// stream carries public changes as visible to everyone).
    /// </summary>
    public bool TryGet(CampaignEventEnvelope envelope, Visibility? audience, out EventRecord record)
    {
        if (_byId.TryGetValue(envelope.Id, out record!) || !learnsFromDeliveries || audience is null)
        {
            return record is not null;
        }

        lock (_gate)
        {
            if (_byId.TryGetValue(envelope.Id, out record!))
            {
                return true;
            }

            record = Add(envelope.Id, audience.Value, envelope.Sequence, Elsewhere)!;
            return record is not null;
        }
    }

    /// <summary>The driver's record of an event another process reported by id.</summary>
    public bool TryGet(Guid id, out EventRecord record) => _byId.TryGetValue(id, out record!);

    public void CountDelivery() => Interlocked.Increment(ref _delivered);

    /// <summary>Called by the first change observer right after a commit.</summary>
    public CommitRecord? Committed(IReadOnlyList<CampaignEvent> rows)
    {
        var now = Stopwatch.GetTimestamp();
        if (!Recording)
        {
            return null;
        }

        lock (_gate)
        {
            var commit = new CommitRecord(_commits.Count, Phase, now) { Rows = rows.Count };
            _commits.Add(commit);
            foreach (var row in rows)
            {
                Add(row.Id, row.Audience, row.Sequence, commit);
            }

            return commit;
        }
    }

    /// <summary>The event in the next slot (under <see cref="_gate"/>); null when the slots ran out.</summary>
    private EventRecord? Add(Guid id, Visibility audience, long sequence, CommitRecord commit)
    {
        if (_count >= capacity)
        {
            Overflow++;
            return null;
        }

        var record = new EventRecord(_count, id, audience, sequence, commit);
        _bySlot[_count] = record;
        _byId[id] = record;
        Volatile.Write(ref _count, _count + 1);
        return record;
    }

    /// <summary>Called by the last change observer, after the app's publisher.</summary>
    public void Observed(IReadOnlyList<CampaignEvent> rows)
    {
        var now = Stopwatch.GetTimestamp();
        if (rows.Count > 0 && _byId.TryGetValue(rows[0].Id, out var record))
        {
            record.Commit.ObservedAt = now;
        }
    }

    /// <summary>A router probe on <paramref name="instance"/> received <paramref name="envelope"/>.</summary>
    public void RouterSaw(int instance, CampaignEventEnvelope envelope, Visibility audience, bool first)
    {
        var now = Stopwatch.GetTimestamp();
        if (!TryGet(envelope, audience, out var record))
        {
            return;
        }

        var times = (first ? RouterFirst : RouterLast)[instance];
        if (times[record.Slot] != 0)
        {
            if (first)
            {
                Interlocked.Increment(ref _routerRepeats);
            }

            return;
        }

        times[record.Slot] = now;
    }
}
