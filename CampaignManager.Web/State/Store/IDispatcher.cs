namespace CampaignManager.Web.State.Store;

/// <summary>Fluxor's dispatcher: queues an action for the store's single dispatch loop and returns at once.</summary>
public interface IDispatcher
{
    void Dispatch(object action);

    /// <summary>Queues an action and completes once its reducers ran and its effects started (tests, ordered effects).</summary>
    Task DispatchAsync(object action);
}
