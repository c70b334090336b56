namespace CampaignManager.Web.State.Store;

/// <summary>Hooks around every dispatch (logging, metrics, tests). <see cref="MayDispatch"/> false drops the action.</summary>
public interface IMiddleware
{
    bool MayDispatch(object action) => true;

    void AfterDispatch(object action)
    {
    }
}
