using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;

namespace CampaignManager.Benchmarks;

/// <summary>
/// A store middleware (one per circuit scope): sees every action when the store's dispatch loop picks
/// it up, before the reducers. It lets everything through.
/// </summary>
internal sealed class StoreProbe : IMiddleware
{
    public SessionRecorder? Recorder { get; set; }

    public bool MayDispatch(object action)
    {
        switch (action)
        {
            case CampaignEventAppliedAction applied:
                Recorder?.OnDequeued(applied);
                break;
            case CampaignLoadedAction loaded:
                Recorder?.OnLoaded(loaded);
                break;
        }

        return true;
    }
}
