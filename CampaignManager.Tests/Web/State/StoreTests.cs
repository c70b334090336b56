using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.State.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignManager.Tests.Web.State;

[Trait(TestCategories.Trait, TestCategories.Unit)]
public class StoreTests
{
    private sealed record CounterState(int Count, string Label);

    private sealed record Increment(int By);

    private sealed record Rename(string Label);

    private sealed record Boom;

    private sealed class CounterFeature : Feature<CounterState>
    {
        public CounterFeature()
        {
            On<Increment>((s, a) => s with { Count = s.Count + a.By });
            On<Rename>((s, a) => s with { Label = a.Label });
        }

        public override string GetName() => "Counter";

        protected override CounterState GetInitialState() => new(0, "start");
    }

    private sealed class RenameOnIncrement : Effect<Increment>
    {
        public override Task HandleAsync(Increment action, IDispatcher dispatcher, CancellationToken ct)
        {
            dispatcher.Dispatch(new Rename($"after {action.By}"));
            return Task.CompletedTask;
        }
    }

    private sealed class Failing : Effect<Boom>
    {
        public override Task HandleAsync(Boom action, IDispatcher dispatcher, CancellationToken ct) => throw new InvalidOperationException("effect broke");
    }

    private sealed class WaitsForever : Effect<Rename>
    {
        public TaskCompletionSource<bool> Cancelled { get; } = new();

        public override async Task HandleAsync(Rename action, IDispatcher dispatcher, CancellationToken ct)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult(true);
                throw;
            }
        }
    }

    private static (Store Store, CounterFeature Feature) Create(params IEffect[] effects)
    {
        var feature = new CounterFeature();
        return (new Store([feature], effects, [], NullLogger<Store>.Instance), feature);
    }

    [Fact]
    public async Task WhenActionsAreDispatched_ThenReducersApplyThemInOrder()
    {
        var (store, feature) = Create();
        await using var _ = store;

        store.Dispatch(new Increment(1));
        store.Dispatch(new Increment(2));
        await store.DispatchAsync(new Increment(3));

        Assert.Equal(6, feature.Value.Count);
    }

    [Fact]
    public async Task WhenAReducerProducesAnEqualState_ThenStateChangedIsNotRaised()
    {
        var (store, feature) = Create();
        await using var _ = store;
        var raised = 0;
        feature.StateChanged += (_, _) => raised++;

        await store.DispatchAsync(new Rename("start"));
        await store.DispatchAsync(new Increment(0));
        await store.DispatchAsync(new Rename("changed"));

        Assert.Equal(1, raised);
    }

    [Fact]
    public async Task WhenAnEffectDispatches_ThenItsActionIsReducedAfterTheTriggeringOne()
    {
        var (store, feature) = Create(new RenameOnIncrement());
        await using var _ = store;
        var seen = new List<object>();
        using var subscription = store.SubscribeToAction<object>(seen.Add);

        await store.DispatchAsync(new Increment(5));
        await WaitUntilAsync(() => feature.Value.Label == "after 5");

        Assert.Equal([new Increment(5), new Rename("after 5")], seen);
    }

    [Fact]
    public async Task WhenAnEffectThrows_ThenAnEffectFailedActionIsDispatchedAndTheStoreKeepsWorking()
    {
        var (store, feature) = Create(new Failing());
        await using var _ = store;
        EffectFailedAction? failed = null;
        using var subscription = store.SubscribeToAction<EffectFailedAction>(a => failed = a);

        await store.DispatchAsync(new Boom());
        await WaitUntilAsync(() => failed is not null);
        await store.DispatchAsync(new Increment(1));

        Assert.Equal("effect broke", failed!.Exception.Message);
        Assert.Equal(typeof(Failing), failed.EffectType);
        Assert.Equal(1, feature.Value.Count);
    }

    [Fact]
    public async Task WhenTheStoreIsDisposed_ThenRunningEffectsAreCancelled()
    {
        var effect = new WaitsForever();
        var (store, _) = Create(effect);

        await store.DispatchAsync(new Rename("go"));
        await store.DisposeAsync();

        Assert.True(await effect.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WhenASubscriberDispatchesWhileHandlingAnAction_ThenTheNewActionIsQueuedNotReentered()
    {
        var (store, feature) = Create();
        await using var _ = store;
        var countsSeenBySubscriber = new List<int>();
        using var subscription = store.SubscribeToAction<Increment>(a =>
        {
            countsSeenBySubscriber.Add(feature.Value.Count);
            if (a.By == 1)
            {
                store.Dispatch(new Increment(10));
                // Not reduced yet: the loop finishes this action first.
                countsSeenBySubscriber.Add(feature.Value.Count);
            }
        });

        await store.DispatchAsync(new Increment(1));
        await WaitUntilAsync(() => feature.Value.Count == 11);

        Assert.Equal([1, 1, 11], countsSeenBySubscriber);
    }

    [Fact]
    public async Task WhenAnIdleStoreHandlesAnActionNoReducerChanges_ThenTheStoreItselfAllocatesNothing()
    {
        // A store per circuit sees every event: with a thousand circuits, a few bytes per action
        // become megabytes per second of garbage and more frequent collections that pause every delivery.
        var (store, _) = Create();
        await using var _ = store;
        var unhandled = new Boom();
        for (var i = 0; i < 10; i++)
        {
            store.Dispatch(unhandled); // Idle store: handled on this thread, before Dispatch returns.
        }

        const int actions = 1_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < actions; i++)
        {
            store.Dispatch(unhandled);
        }

        var perAction = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)actions;
        Assert.True(perAction < 1, $"The store allocated {perAction:0.#} bytes per action.");
    }

    [Fact]
    public void WhenAFeatureIsDisposed_ThenItKeepsItsLastState_AndTheFeaturesAfterItKeepTheirOwn()
    {
        // States live in slots shared by every circuit (StateSlots); a disposed feature's slot goes to
        // the next feature created, which may be another user's circuit.
        var disposed = new CounterFeature();
        ((IFeature)disposed).Reduce(new Increment(5));
        disposed.Dispose();
        var later = Enumerable.Range(0, 4).Select(_ => new CounterFeature()).ToList();
        for (var i = 0; i < later.Count; i++)
        {
            ((IFeature)later[i]).Reduce(new Increment(100 + i));
        }

        ((IFeature)disposed).Reduce(new Increment(1)); // An action that reaches it late changes nothing.
        disposed.Dispose();

        Assert.Equal(5, disposed.Value.Count);
        Assert.Equal([100, 101, 102, 103], later.Select(f => f.Value.Count));
        Assert.All(later, f => Assert.Equal("start", f.Value.Label));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 5 s.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
