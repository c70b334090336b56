using System.Collections.Immutable;
using CampaignManager.Domain.Events;
using CampaignManager.Web.State.Store;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>
/// The open campaign: loaded by the session, then moved forward one event at a time. The heavy part of
/// applying an event (the view, the activity feed, the highlights) goes through the instance's
/// <see cref="SharedCampaignReductions"/>, so circuits that hold the same state share one result.
/// </summary>
public sealed class CampaignFeature : Feature<CampaignState>
{
    private readonly SharedCampaignReductions _shared;

    // Made once: a method group converted per call would allocate a delegate per circuit and event.
    private readonly Func<CampaignState, CampaignEventEnvelope, CampaignState> _reduceEvent;

    /// <summary>A feature with reductions of its own (tests, tools): nothing is shared with other circuits.</summary>
    public CampaignFeature()
        : this(new SharedCampaignReductions())
    {
    }

    public CampaignFeature(SharedCampaignReductions shared)
    {
        _shared = shared;
        _reduceEvent = ReduceEvent;
        On<CampaignLoadingAction>((state, action) => state.CampaignId == action.CampaignId && state.Campaign is not null
            ? state
            : CampaignState.Initial with { CampaignId = action.CampaignId, Status = CampaignLoadStatus.Loading });
        On<CampaignLoadedAction>(Load);
        On<CampaignNotFoundAction>((_, action) => CampaignState.Initial with { CampaignId = action.CampaignId, Status = CampaignLoadStatus.NotFound });
        On<CampaignAccessEndedAction>((_, action) => CampaignState.Initial with
        {
            CampaignId = action.CampaignId,
            Status = CampaignLoadStatus.AccessEnded,
            EndedCampaignName = action.CampaignName,
        });
        On<CampaignEventAppliedAction>(Apply);
    }

    public override string GetName() => "Campaign";

    protected override CampaignState GetInitialState() => CampaignState.Initial;

    private CampaignState Load(CampaignState state, CampaignLoadedAction action)
    {
        var (campaign, activity) = _shared.Share(action.Campaign, [.. action.Activity.TakeLast(CampaignState.MaxActivity)]);
        return _shared.ShareState(state with
        {
            CampaignId = campaign.Id,
            Campaign = campaign,
            Status = CampaignLoadStatus.Loaded,
            Activity = activity,
        });
    }

    private CampaignState Apply(CampaignState state, CampaignEventAppliedAction action)
    {
        if (state.Campaign is not { } campaign || campaign.Id != action.Envelope.CampaignId)
        {
            return state;
        }

        return _shared.ApplyState(state, action.Envelope, _reduceEvent);
    }

    private CampaignState ReduceEvent(CampaignState state, CampaignEventEnvelope envelope) => state with
    {
        Campaign = _shared.Apply(state.Campaign!, envelope),
        Activity = _shared.AddActivity(state.Activity, envelope),
        Flashing = _shared.AddFlashing(state.Flashing, envelope),
    };
}
