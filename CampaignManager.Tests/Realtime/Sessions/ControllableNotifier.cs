using CampaignManager.Domain.Common;
using CampaignManager.Web.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignManager.Tests.Realtime.Sessions;

/// <summary>
/// The real <see cref="InMemoryCampaignNotifier"/> behind a faulty network the test controls: chosen
/// messages (by audience and sequence) are dropped, delivered twice, or held back until
/// <see cref="ReleaseHeldAsync"/> (so a later one overtakes them); <see cref="GoOffline"/> loses
/// everything and raises <see cref="LiveChanged"/>(false), <see cref="GoOnline"/> raises it with true.
/// Every publish is recorded, so a test can deliver an old message again with <see cref="RedeliverAsync"/>.
/// </summary>
public sealed class ControllableNotifier : ICampaignNotifier
{
    private readonly InMemoryCampaignNotifier _inner = new(NullLogger<InMemoryCampaignNotifier>.Instance);
    private readonly Dictionary<(Visibility Audience, long Sequence), Fault> _faults = [];
    private readonly List<CampaignEventMessage> _held = [];
    private readonly List<CampaignEventMessage> _published = [];
    private readonly Lock _gate = new();
    private volatile bool _live = true;
    private TaskCompletionSource? _subscriptionsHeld;

    private enum Fault
    {
        Drop,
        Duplicate,
        Hold,
    }

    public bool IsLive => _live;

    public event Action<bool>? LiveChanged;

    /// <summary>Every message the publisher handed over, delivered or not, in publish order.</summary>
    public IReadOnlyList<CampaignEventMessage> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    /// <summary>The message of that stream and sequence is lost.</summary>
    public void Drop(Visibility audience, long sequence) => Set(audience, sequence, Fault.Drop);

    /// <summary>The message of that stream and sequence is delivered twice in a row.</summary>
    public void Duplicate(Visibility audience, long sequence) => Set(audience, sequence, Fault.Duplicate);

    /// <summary>The message of that stream and sequence waits until <see cref="ReleaseHeldAsync"/>.</summary>
    public void Hold(Visibility audience, long sequence) => Set(audience, sequence, Fault.Hold);

    /// <summary>Delivers the held messages, in the order they were published.</summary>
    public async Task ReleaseHeldAsync(CancellationToken ct)
    {
        List<CampaignEventMessage> held;
        lock (_gate)
        {
            held = [.. _held];
            _held.Clear();
        }

        foreach (var message in held)
        {
            await _inner.PublishAsync(message, ct);
        }
    }

    /// <summary>Delivers a message once more, as a broker or a relay might.</summary>
    public Task RedeliverAsync(CampaignEventMessage message, CancellationToken ct) => _inner.PublishAsync(message, ct);

    /// <summary>The broker is lost: nothing reaches this instance until <see cref="GoOnline"/>.</summary>
    public void GoOffline()
    {
        _live = false;
        LiveChanged?.Invoke(false);
    }

    /// <summary>The broker is back: listeners are told to catch up.</summary>
    public void GoOnline()
    {
        _live = true;
        LiveChanged?.Invoke(true);
    }

    public async Task PublishAsync(CampaignEventMessage message, CancellationToken ct)
    {
        Fault? fault;
        lock (_gate)
        {
            _published.Add(message);
            if (!_live)
            {
                return;
            }

            fault = _faults.Remove((message.Audience, message.Sequence), out var found) ? found : null;
            if (fault == Fault.Hold)
            {
                _held.Add(message);
            }
        }

        switch (fault)
        {
            case Fault.Drop or Fault.Hold:
                return;
            case Fault.Duplicate:
                await _inner.PublishAsync(message, ct);
                await _inner.PublishAsync(message, ct);
                return;
            default:
                await _inner.PublishAsync(message, ct);
                return;
        }
    }

    /// <summary>New subscriptions wait until <see cref="ReleaseSubscriptions"/>, hearing nothing meanwhile (a slow broker).</summary>
    public void HoldSubscriptions() => _subscriptionsHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseSubscriptions() => _subscriptionsHeld?.TrySetResult();

    public async Task<IAsyncDisposable> SubscribeAsync(Guid campaignId, Func<CampaignEventMessage, ValueTask> onMessage, CancellationToken ct)
    {
        if (_subscriptionsHeld is { } held)
        {
            await held.Task.WaitAsync(ct);
        }

        return await _inner.SubscribeAsync(campaignId, onMessage, ct);
    }

    private void Set(Visibility audience, long sequence, Fault fault)
    {
        lock (_gate)
        {
            _faults[(audience, sequence)] = fault;
        }
    }
}
