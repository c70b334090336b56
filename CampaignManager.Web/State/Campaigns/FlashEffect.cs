using CampaignManager.Web.State.Store;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>Ends the highlight of what an event changed after a moment.</summary>
public sealed class FlashEffect : Effect<CampaignEventAppliedAction>
{
    public static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(1500);

    public override async Task HandleAsync(CampaignEventAppliedAction action, IDispatcher dispatcher, CancellationToken ct)
    {
        var ids = CampaignEventReducer.ChangedIds(action.Envelope).ToList();
        await Task.Delay(Duration, ct);
        foreach (var id in ids)
        {
            dispatcher.Dispatch(new FlashEndedAction(id));
        }
    }
}
