using System.Threading.Channels;

namespace CampaignManager.Web.State.Store;

/// <summary>
/// One store per circuit. Every action goes through one queue drained by one loop: reducers never
/// run concurrently or re-entrantly, callers never take a lock, and subscribers see actions in the
/// order they were dispatched. Effects start after the reducers and run concurrently, each with a
/// token that is cancelled when the store (the circuit's scope) is disposed.
/// </summary>
public sealed class Store : IDispatcher, IActionSubscriber, IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly IReadOnlyList<IFeature> _features;
    private readonly IReadOnlyList<IEffect> _effects;
    private readonly IReadOnlyList<IMiddleware> _middlewares;
    private readonly ILogger<Store> _logger;
    private readonly Lock _subscribersLock = new();
    private readonly List<(Type Type, Action<object> Callback)> _subscribers = [];
    private readonly Task _loop;
    private int _disposed;

    public Store(IEnumerable<IFeature> features, IEnumerable<IEffect> effects, IEnumerable<IMiddleware> middlewares, ILogger<Store> logger)
    {
        _features = [.. features];
        _effects = [.. effects];
        _middlewares = [.. middlewares];
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public void Dispatch(object action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _queue.Writer.TryWrite(new Pending(action, null));
    }

    public Task DispatchAsync(object action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(action, done)))
        {
            done.SetCanceled();
        }

        return done.Task;
    }

    public IDisposable SubscribeToAction<TAction>(Action<TAction> callback)
    {
        var entry = (typeof(TAction), (Action<object>)(a => callback((TAction)a)));
        lock (_subscribersLock)
        {
            _subscribers.Add(entry);
        }

        return new Unsubscriber(() =>
        {
            lock (_subscribersLock)
            {
                _subscribers.Remove(entry);
            }
        });
    }

    private async Task RunAsync()
    {
        await foreach (var pending in _queue.Reader.ReadAllAsync())
        {
            try
            {
                Process(pending.Action);
            }
            catch (Exception ex)
            {
                // A reducer or subscriber bug must not stop the loop for the rest of the circuit.
                _logger.LogError(ex, "Dispatching {ActionType} failed", pending.Action.GetType().Name);
            }
            finally
            {
                pending.Done?.TrySetResult();
            }
        }
    }

    private void Process(object action)
    {
        if (_middlewares.Any(m => !m.MayDispatch(action)))
        {
            return;
        }

        var changed = _features.Where(f => f.Reduce(action)).ToList();
        foreach (var feature in changed)
        {
            feature.NotifyStateChanged();
        }

        List<(Type Type, Action<object> Callback)> subscribers;
        lock (_subscribersLock)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var (type, callback) in subscribers)
        {
            if (type.IsInstanceOfType(action))
            {
                callback(action);
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
            await effect.HandleAsync(action, this, _lifetime.Token);
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

        _queue.Writer.TryComplete();
        await _lifetime.CancelAsync();
        await _loop;
        _lifetime.Dispose();
    }

    private sealed record Pending(object Action, TaskCompletionSource? Done);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
