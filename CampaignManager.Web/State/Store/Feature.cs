namespace CampaignManager.Web.State.Store;

/// <summary>
/// One slice of state with its pure reducers, registered explicitly (Fluxor discovers them by
/// reflection; explicit registration is trimming-safe and shows in one place what changes a state).
/// </summary>
public abstract class Feature<TState> : IFeature, IState<TState>, IDisposable
    where TState : class
{
    private readonly Dictionary<Type, List<Func<TState, object, TState>>> _reducers = [];
    private readonly StateSlots<TState>.Slot _slot = StateSlots<TState>.Rent();
    // Orders a write of the value against the disposal: once the slot is given back, no write may land in it.
    private readonly Lock _slotGate = new();
    private TState? _final;
    private int _disposed;

    protected Feature() => Value = GetInitialState();

    /// <remarks>
    /// Kept in a shared slot (<see cref="StateSlots{TState}"/>). Once the feature is disposed its slot may
    /// belong to another circuit, so the value it had then is answered instead.
    /// </remarks>
    public TState Value
    {
        get
        {
            var value = Volatile.Read(ref _slot.Chunk[_slot.Index]);
            return Volatile.Read(ref _disposed) == 0 ? value! : _final!;
        }

        private set
        {
            lock (_slotGate)
            {
                if (_disposed == 0)
                {
                    Volatile.Write(ref _slot.Chunk[_slot.Index], value);
                }
            }
        }
    }

    public event EventHandler? StateChanged;

    public abstract string GetName();

    protected abstract TState GetInitialState();

    /// <summary>Registers a pure reducer for one action type.</summary>
    protected void On<TAction>(Func<TState, TAction, TState> reducer)
    {
        if (!_reducers.TryGetValue(typeof(TAction), out var list))
        {
            _reducers[typeof(TAction)] = list = [];
        }

        list.Add((state, action) => reducer(state, (TAction)action));
    }

    bool IFeature.Reduce(object action)
    {
        if (!_reducers.TryGetValue(action.GetType(), out var reducers))
        {
            return false;
        }

        var next = Value;
        foreach (var reducer in reducers)
        {
            next = reducer(next, action);
        }

        // Value equality (records): a reducer that rebuilt an equal state causes no re-render.
        if (EqualityComparer<TState>.Default.Equals(next, Value))
        {
            return false;
        }

        Value = next;
        return true;
    }

    void IFeature.NotifyStateChanged() => StateChanged?.Invoke(this, EventArgs.Empty);

    /// <summary>Gives the slot back (the circuit's scope ends); <see cref="Value"/> keeps answering the last state.</summary>
    public void Dispose()
    {
        lock (_slotGate)
        {
            if (_disposed == 1)
            {
                return;
            }

            _final = Volatile.Read(ref _slot.Chunk[_slot.Index]);
            Volatile.Write(ref _disposed, 1);
        }

        StateSlots<TState>.Return(_slot);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The store's untyped view of a feature.</summary>
public interface IFeature
{
    string GetName();

    /// <summary>Runs the reducers for the action; true when the state changed.</summary>
    bool Reduce(object action);

    void NotifyStateChanged();
}
