namespace CampaignManager.Web.State.Store;

/// <summary>Fluxor's IActionSubscriber: components that react to an action itself (a snackbar) rather than to state.</summary>
public interface IActionSubscriber
{
    IDisposable SubscribeToAction<TAction>(Action<TAction> callback);
}
