using System.Collections.Immutable;
using CampaignManager.Web.State.Store;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>The open campaign: loaded by the session, then moved forward one event at a time.</summary>
public sealed class CampaignFeature : Feature<CampaignState>
{
    public CampaignFeature()
    {
        On<CampaignLoadingAction>((state, action) => state.CampaignId == action.CampaignId && state.Campaign is not null
            ? state
            : CampaignState.Initial with { CampaignId = action.CampaignId, Status = CampaignLoadStatus.Loading });
        On<CampaignLoadedAction>((state, action) => state with
        {
            CampaignId = action.Campaign.Id,
            Campaign = action.Campaign,
            Status = CampaignLoadStatus.Loaded,
            Activity = [.. action.Activity.TakeLast(CampaignState.MaxActivity)],
        });
        On<CampaignNotFoundAction>((_, action) => CampaignState.Initial with { CampaignId = action.CampaignId, Status = CampaignLoadStatus.NotFound });
        On<CampaignAccessEndedAction>((_, action) => CampaignState.Initial with
        {
            CampaignId = action.CampaignId,
            Status = CampaignLoadStatus.AccessEnded,
            EndedCampaignName = action.CampaignName,
        });
        On<CampaignEventAppliedAction>(Apply);
        On<FlashEndedAction>((state, action) => state with { Flashing = state.Flashing.Remove(action.EntityId) });
    }

    public override string GetName() => "Campaign";

    protected override CampaignState GetInitialState() => CampaignState.Initial;

    private static CampaignState Apply(CampaignState state, CampaignEventAppliedAction action)
    {
        if (state.Campaign is not { } campaign || campaign.Id != action.Envelope.CampaignId)
        {
            return state;
        }

        var activity = ActivityItem.From(action.Envelope) is { } item && state.Activity.All(a => a.Sequence != item.Sequence)
            ? state.Activity.Add(item)
            : state.Activity;
        if (activity.Count > CampaignState.MaxActivity)
        {
            activity = activity.RemoveRange(0, activity.Count - CampaignState.MaxActivity);
        }

        return state with
        {
            Campaign = CampaignEventReducer.Apply(campaign, action.Envelope),
            Activity = activity,
            Flashing = state.Flashing.Union(CampaignEventReducer.ChangedIds(action.Envelope)),
        };
    }
}
