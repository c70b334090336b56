using System.Diagnostics;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;

namespace CampaignManager.Tests.Web.State;

/// <summary>One clock per instance ends the highlights of every circuit (<see cref="FlashClock"/>).</summary>
[Trait(TestCategories.Trait, TestCategories.Unit)]
public class FlashClockTests
{
    [Fact]
    public async Task WhenHighlightsAreDue_ThenEachLiveCircuitGetsItsEndsAndAnEndedCircuitNone()
    {
        using var clock = new FlashClock(TimeProvider.System);
        var (gone, first, second) = (new RecordingDispatcher(), new RecordingDispatcher(), new RecordingDispatcher());
        using var circuitEnded = new CancellationTokenSource();
        await circuitEnded.CancelAsync();
        var (settlement, structure) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        // In due order: by the time the last circuit has its end, the earlier ones were handled.
        clock.EndLater(gone, [settlement], circuitEnded.Token);
        clock.EndLater(first, [settlement, structure], CancellationToken.None);
        clock.EndLater(second, [structure], CancellationToken.None);
        await WaitUntilAsync(() => second.Actions.Count == 1);

        Assert.Equal([new FlashEndedAction(settlement), new FlashEndedAction(structure)], first.Actions);
        Assert.Equal([new FlashEndedAction(structure)], second.Actions);
        Assert.Empty(gone.Actions);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "The highlights did not end within 15 s.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private sealed class RecordingDispatcher : IDispatcher
    {
        private readonly List<object> _actions = [];

        public IReadOnlyList<object> Actions
        {
            get
            {
                lock (_actions)
                {
                    return [.. _actions];
                }
            }
        }

        public void Dispatch(object action)
        {
            lock (_actions)
            {
                _actions.Add(action);
            }
        }

        public Task DispatchAsync(object action)
        {
            Dispatch(action);
            return Task.CompletedTask;
        }
    }
}
