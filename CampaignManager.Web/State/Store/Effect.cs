namespace CampaignManager.Web.State.Store;

/// <summary>
/// Side effects (I/O) triggered by an action, outside reducers. The token is cancelled when the
/// circuit ends, so an effect never outlives its user (Fluxor's effects have no cancellation).
/// </summary>
public abstract class Effect<TAction> : IEffect
{
    public abstract Task HandleAsync(TAction action, IDispatcher dispatcher, CancellationToken ct);

    bool IEffect.ShouldReactTo(object action) => action is TAction;

    Task IEffect.HandleAsync(object action, IDispatcher dispatcher, CancellationToken ct) => HandleAsync((TAction)action, dispatcher, ct);
}

public interface IEffect
{
    bool ShouldReactTo(object action);

    Task HandleAsync(object action, IDispatcher dispatcher, CancellationToken ct);
}
