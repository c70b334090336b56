using System.Diagnostics;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignManager.Benchmarks;

/// <summary>
/// The steps every delivery repeats, timed alone on one thread after the run (the code is hot by
/// then), with two real consecutive events of one stream: what one session's share of an event costs
/// without queueing, so the fan-out latency can be read as "per-delivery cost × sessions ÷ cores".
/// </summary>
internal static class DeliveryCost
{
    // The machine is shared: each step runs in rounds and the quickest round counts (noise only adds time).
    private const int Rounds = 7;
    private const int Iterations = 3_000;
    private const int SharingCircuits = 100;

    public sealed record Step(string Name, double MicrosecondsPerCall, double BytesPerCall, string CallsPerDelivery);

    public static async Task<IReadOnlyList<Step>> MeasureAsync(CampaignView view, CampaignEventEnvelope first, CampaignEventEnvelope second)
    {
        CampaignEventEnvelope[] envelopes = [first, second];
        var wires = envelopes.Select(e => new CampaignEventMessage(Visibility.Everyone, e, e.ToJson()).ToWire()).ToArray();
        var actions = envelopes.Select(e => new CampaignEventAppliedAction(e)).ToArray();
        var feature = new CampaignFeature();
        ((IFeature)feature).Reduce(new CampaignLoadedAction(view, []));

        // A hundred circuits of one instance holding the same state: the first reduces each event, the
        // others take its result (what 500 circuits per instance do in the run).
        var shared = new SharedCampaignReductions();
        var circuits = Enumerable.Range(0, SharingCircuits).Select(_ => new CampaignFeature(shared)).ToArray();
        foreach (var circuit in circuits)
        {
            ((IFeature)circuit).Reduce(new CampaignLoadedAction(view, []));
        }

        var steps = await Task.Factory.StartNew(() => new List<Step>
        {
            Time("parse the Redis message (`CampaignEventMessage.FromWire`)", "1 per instance, not per session",
                i => CampaignEventMessage.FromWire(wires[i & 1])),
            Time("deserialize the payload (`CampaignEventReducer.Read<SettlementUpdatedPayload>`)", "1 per instance and state shared by its sessions",
                i => CampaignEventReducer.Read<SettlementUpdatedPayload>(envelopes[i & 1])),
            Time("`CampaignEventReducer.Apply` (one payload read included)", "1 per instance and state shared by its sessions",
                i => CampaignEventReducer.Apply(view, envelopes[i & 1])),
            Time("`CampaignFeature`: every reducer of `CampaignEventAppliedAction`, a state of its own (nothing to share)", "1 per instance and state shared by its sessions",
                i => ((IFeature)feature).Reduce(actions[i & 1])),
            Time($"`CampaignFeature`: every reducer of `CampaignEventAppliedAction` in {SharingCircuits} circuits holding the same state, per circuit", "1",
                i =>
                {
                    foreach (var circuit in circuits)
                    {
                        ((IFeature)circuit).Reduce(actions[i & 1]);
                    }

                    return null;
                }, perCall: SharingCircuits),
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        steps.Add(await TimeStoreAsync(view, actions));
        return steps;
    }

    /// <param name="perCall">How many calls one run of <paramref name="step"/> makes.</param>
    internal static Step Time(string name, string callsPerDelivery, Func<int, object?> step, int perCall = 1)
    {
        for (var i = 0; i < 1000; i++)
        {
            step(i);
        }

        var best = double.MaxValue;
        var bytes = 0.0;
        for (var round = 0; round < Rounds; round++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Iterations; i++)
            {
                step(i);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMicroseconds / Iterations / perCall);
            bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Iterations / perCall;
        }

        return new Step(name, best, bytes, callsPerDelivery);
    }

    /// <summary>A circuit's store (no effects), fed back to back: dispatch (handled on the calling thread when the store is idle), reducers, StateChanged.</summary>
    private static async Task<Step> TimeStoreAsync(CampaignView view, CampaignEventAppliedAction[] actions)
    {
        var feature = new CampaignFeature();
        var notified = 0;
        feature.StateChanged += (_, _) => notified++;
        await using var store = new Store([feature], [], [], NullLogger<Store>.Instance);
        await store.DispatchAsync(new CampaignLoadedAction(view, []));
        for (var i = 0; i < 1000; i++)
        {
            store.Dispatch(actions[i & 1]);
        }

        await store.DispatchAsync(actions[0]);
        var best = double.MaxValue;
        var bytes = 0.0;
        for (var round = 0; round < Rounds; round++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Iterations; i++)
            {
                store.Dispatch(actions[i & 1]);
            }

            await store.DispatchAsync(actions[0]);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMicroseconds / (Iterations + 1));
            bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)(Iterations + 1);
        }

        return new Step("`Store`: `Dispatch` → reducers → `StateChanged` (back to back, no effects, a state of its own)", best, bytes,
            "1");
    }
}
