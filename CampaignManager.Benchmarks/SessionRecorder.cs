using System.Diagnostics;
using CampaignManager.Domain.Common;
using CampaignManager.Web.State.Campaigns;

namespace CampaignManager.Benchmarks;

/// <summary>
/// What one circuit session's store did with each event: when its dispatch loop picked the action up
/// (<see cref="StoreProbe"/>) and when the reducers had run and <c>StateChanged</c> was raised (the
/// store's action subscription). Called only on the store's single dispatch loop, so it needs no lock.
/// </summary>
internal sealed class SessionRecorder(int index, int instance, string user, EventRegistry registry)
{
    private long _lastSequence = -1;

    public int Index { get; } = index;

    /// <summary>0 = the instance that commits, 1 = the other one.</summary>
    public int Instance { get; } = instance;

    public string User { get; } = user;

    /// <summary>The session's stream, as the load said (null until loaded).</summary>
    public Visibility? Audience { get; private set; }

    /// <summary>Per event slot: the store's loop picked up the event's action.</summary>
    public long[] Dequeued { get; } = new long[registry.Capacity];

    /// <summary>Per event slot: the reducers ran and subscribers were told (store-updated).</summary>
    public long[] Applied { get; } = new long[registry.Capacity];

    public int Duplicates { get; private set; }

    /// <summary>Events applied with a sequence other than the last one + 1 (a gap or a step back).</summary>
    public int OutOfOrder { get; private set; }

    /// <summary>Events of the other audience's stream, or not committed by the driver.</summary>
    public int Unexpected { get; private set; }

    public int Loads { get; private set; }

    public void OnLoaded(CampaignLoadedAction action)
    {
        Loads++;
        Audience = action.Campaign.Access.Audience;
        _lastSequence = action.Campaign.StreamSequence;
    }

    /// <summary>
    /// For a session in another process (<see cref="CircuitInstanceProcess"/>): what its own recorder there
    /// reported. Its timestamps go into <see cref="Dequeued"/> and <see cref="Applied"/> directly.
    /// </summary>
    public void Absorb(Visibility audience, int loads, int duplicates, int outOfOrder, int unexpected) =>
        (Audience, Loads, Duplicates, OutOfOrder, Unexpected) = (audience, loads, duplicates, outOfOrder, unexpected);

    public void OnDequeued(CampaignEventAppliedAction action)
    {
        if (registry.TryGet(action.Envelope, Audience, out var record) && Dequeued[record.Slot] == 0)
        {
            Dequeued[record.Slot] = Stopwatch.GetTimestamp();
        }
    }

    public void OnApplied(CampaignEventAppliedAction action)
    {
        var now = Stopwatch.GetTimestamp();
        var envelope = action.Envelope;
        if (_lastSequence >= 0 && envelope.Sequence != _lastSequence + 1)
        {
            OutOfOrder++;
        }

        _lastSequence = envelope.Sequence;
        if (!registry.TryGet(envelope, Audience, out var record) || record.Audience != Audience)
        {
            Unexpected++;
            return;
        }

        if (Applied[record.Slot] != 0)
        {
            Duplicates++;
            return;
        }

        Applied[record.Slot] = now;
        registry.Envelopes[record.Slot] ??= envelope;
        registry.CountDelivery();
    }
}
