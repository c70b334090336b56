namespace CampaignManager.Web.State.Store;

/// <summary>
/// One slice of state with its pure reducers, registered explicitly (Fluxor discovers them by
/// reflection; explicit registration is trimming-safe and shows in one place what changes a state).
/// </summary>
public abstract class Feature<TState> : IFeature, IState<TState>
    where TState : notnull
{
    private readonly Dictionary<Type, List<Func<TState, object, TState>>> _reducers = [];

    protected Feature() => Value = GetInitialState();

    public TState Value { get; private set; }

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
}

/// <summary>The store's untyped view of a feature.</summary>
public interface IFeature
{
    string GetName();

    /// <summary>Runs the reducers for the action; true when the state changed.</summary>
    bool Reduce(object action);

    void NotifyStateChanged();
}
