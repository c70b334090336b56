using System.Diagnostics;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Realtime.Sessions;

/// <summary>
/// One user's circuit: its own DI scope with the real store, <see cref="CampaignFeature"/> and
/// <see cref="CampaignSession"/>, signed in as one demo actor. Every action the store dispatches is
/// recorded in order (through <see cref="IActionSubscriber"/>), so a test can count loads and applied events.
/// </summary>
public sealed class SessionCircuit : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly CapturedLog _problems;
    private readonly List<object> _actions = [];
    private readonly IDisposable _recording;

    internal SessionCircuit(AsyncServiceScope scope, Actor actor, CapturedLog problems)
    {
        _scope = scope;
        _problems = problems;
        Actor = actor;
        var services = scope.ServiceProvider;
        services.GetRequiredService<SignedInUser>().SignIn(actor);
        State = services.GetRequiredService<IState<CampaignState>>();
        Session = services.GetRequiredService<CampaignSession>();
        _recording = services.GetRequiredService<IActionSubscriber>().SubscribeToAction<object>(Record);
    }

    public Actor Actor { get; }

    public CampaignSession Session { get; }

    public IState<CampaignState> State { get; }

    public CampaignView? Campaign => State.Value.Campaign;

    /// <summary>Every action the circuit's store dispatched, in dispatch order.</summary>
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

    public IReadOnlyList<CampaignEventEnvelope> AppliedEnvelopes => [.. Actions.OfType<CampaignEventAppliedAction>().Select(a => a.Envelope)];

    /// <summary>The sequences of the applied events, in the order they were applied.</summary>
    public IReadOnlyList<long> Applied => [.. AppliedEnvelopes.Select(e => e.Sequence)];

    public int Count<TAction>() => Actions.OfType<TAction>().Count();

    /// <summary>Waits (bounded) until the condition holds; the timeout message shows what the circuit saw.</summary>
    public async Task WaitUntilAsync(Func<SessionCircuit, bool> condition, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (clock.Elapsed > SessionHarness.Timeout)
            {
                throw new TimeoutException($"Still not true after {SessionHarness.Timeout.TotalSeconds} s: {what}. {Describe()}");
            }

            await Task.Delay(20, ct);
        }
    }

    /// <summary>Waits until the store shows the stream up to <paramref name="sequence"/> (loaded or applied).</summary>
    public Task WaitForStreamAsync(long sequence, CancellationToken ct) =>
        WaitUntilAsync(c => c.State.Value.Status == CampaignLoadStatus.Loaded && c.Campaign?.StreamSequence == sequence,
            $"the store of {Actor.DisplayName} holds the stream up to {sequence}", ct);

    /// <summary>What the circuit saw: its state and the actions it dispatched (for failure messages).</summary>
    public string Describe()
    {
        var actions = Actions.Select(a => a switch
        {
            CampaignLoadingAction => "Loading",
            CampaignLoadedAction loaded => $"Loaded@{loaded.Campaign.StreamSequence}",
            CampaignNotFoundAction => "NotFound",
            CampaignEventAppliedAction applied => $"Applied#{applied.Envelope.Sequence}",
            _ => null,
        }).OfType<string>();
        return $"{Actor.DisplayName}: status {State.Value.Status}, store stream {Campaign?.StreamSequence}, session last {Session.LastSequence}, " +
            $"actions [{string.Join(", ", actions)}]. Logged: {_problems}";
    }

    private void Record(object action)
    {
        lock (_actions)
        {
            _actions.Add(action);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _recording.Dispose();
        await _scope.DisposeAsync();
    }
}
