namespace CampaignManager.Web.State.Store;

/// <summary>
/// One store per circuit. Every action goes through one queue (<see cref="SerialMailbox{T}"/>):
/// reducers never run concurrently or re-entrantly, and subscribers see actions in the order they
/// were dispatched. Like Fluxor, a dispatch to an idle store runs the reducers on the caller's
/// thread; an action dispatched while another is being handled (by a reducer, a subscriber, an effect
/// or another thread) waits its turn and is handled by the thread already draining, so no caller
/// waits for a lock. Effects start after the reducers and run concurrently, each with a token that is
/// cancelled when the store (the circuit's scope) is disposed.
/// </summary>
public sealed class Store : IDispatcher, IActionSubscriber, IAsyncDisposable
{
    private readonly SerialMailbox<Pending> _queue;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly CancellationToken _lifetimeToken;
    private readonly IFeature[] _features;
    private readonly IEffect[] _effects;
    private readonly IMiddleware[] _middlewares;
    private readonly ILogger<Store> _logger;
    private readonly Lock _subscribersLock = new();

    // Replaced, never mutated (under the lock), so a dispatch reads it without copying.
    private volatile Subscriber[] _subscribers = [];
    private int _disposed;

    public Store(IEnumerable<IFeature> features, IEnumerable<IEffect> effects, IEnumerable<IMiddleware> middlewares, ILogger<Store> logger)
    {
        _features = [.. features];
        _effects = [.. effects];
        _middlewares = [.. middlewares];
        _logger = logger;
        // Read once: effects started by a late action still get a (cancelled) token after disposal.
        _lifetimeToken = _lifetime.Token;
        _queue = new SerialMailbox<Pending>(Handle, Failed);
    }

    public void Dispatch(object action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _queue.Post(new Pending(action, null));
    }

    public Task DispatchAsync(object action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Post(new Pending(action, done)))
        {
            done.SetCanceled();
        }

        return done.Task;
    }

    public IDisposable SubscribeToAction<TAction>(Action<TAction> callback)
    {
        var entry = new Subscriber(typeof(TAction), a => callback((TAction)a));
        lock (_subscribersLock)
        {
            _subscribers = [.. _subscribers, entry];
        }

        return new Unsubscriber(() =>
        {
            lock (_subscribersLock)
            {
                _subscribers = Array.FindAll(_subscribers, s => !ReferenceEquals(s, entry));
            }
        });
    }

    private ValueTask Handle(Pending pending)
    {
        try
        {
            Process(pending.Action);
        }
        finally
        {
            pending.Done?.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }

    // A reducer or subscriber bug must not stop the queue for the rest of the circuit.
    private void Failed(Pending pending, Exception ex) =>
        _logger.LogError(ex, "Dispatching {ActionType} failed", pending.Action.GetType().Name);

    // Runs once per action and circuit (a thousand times per event with a thousand circuits): no
    // LINQ, closures or copies here.
    private void Process(object action)
    {
        foreach (var middleware in _middlewares)
        {
            if (!middleware.MayDispatch(action))
            {
                return;
            }
        }

        // Every feature reduces before any is notified, so a StateChanged handler sees all of them updated.
        var changed = 0UL;
        List<IFeature>? changedBeyond64 = null;
        for (var i = 0; i < _features.Length; i++)
        {
            if (_features[i].Reduce(action))
            {
                if (i < 64)
                {
                    changed |= 1UL << i;
                }
                else
                {
                    (changedBeyond64 ??= []).Add(_features[i]);
                }
            }
        }

        for (var i = 0; changed != 0; i++, changed >>= 1)
        {
            if ((changed & 1) != 0)
            {
                _features[i].NotifyStateChanged();
            }
        }

        if (changedBeyond64 is not null)
        {
            // Not `changedBeyond64 ?? []`: that builds an empty list on every action.
            foreach (var feature in changedBeyond64)
            {
                feature.NotifyStateChanged();
            }
        }

        foreach (var subscriber in _subscribers)
        {
            if (subscriber.Type.IsInstanceOfType(action))
            {
                subscriber.Callback(action);
            }
        }

        foreach (var effect in _effects)
        {
            if (effect.ShouldReactTo(action))
            {
                _ = RunEffectAsync(effect, action);
            }
        }

        foreach (var middleware in _middlewares)
        {
            middleware.AfterDispatch(action);
        }
    }

    private async Task RunEffectAsync(IEffect effect, object action)
    {
        try
        {
            await effect.HandleAsync(action, this, _lifetimeToken);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            // The circuit ended; nobody is waiting for this effect any more.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Effect {EffectType} failed for {ActionType}", effect.GetType().Name, action.GetType().Name);
            if (action is not EffectFailedAction)
            {
                Dispatch(new EffectFailedAction(action, effect.GetType(), ex));
            }
        }
    }

    // The container disposes the store once per registration that resolved it (Store, IDispatcher,
    // IActionSubscriber), so disposal must be idempotent.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var (dropped, drained) = _queue.Close();
        foreach (var pending in dropped)
        {
            pending.Done?.TrySetCanceled();
        }

        await _lifetime.CancelAsync();
        // An action being handled on another thread finishes first (it may start effects).
        await drained;
        _lifetime.Dispose();
    }

    private readonly record struct Pending(object Action, TaskCompletionSource? Done);

    private sealed class Subscriber(Type type, Action<object> callback)
    {
        public Type Type { get; } = type;

        public Action<object> Callback { get; } = callback;
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
