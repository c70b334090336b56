namespace CampaignManager.Web.State.Store;

/// <summary>
/// Fluxor's dispatcher. As in Fluxor, an idle store handles the action on the caller's thread before
/// returning; a busy one queues it for the thread already handling actions, so the caller never waits.
/// </summary>
public interface IDispatcher
{
    void Dispatch(object action);

    /// <summary>Dispatches an action and completes once its reducers ran and its effects started (tests, ordered effects).</summary>
    Task DispatchAsync(object action);
}
