using CampaignManager.Web.State.Store;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>Ends the highlight of what an event changed after a moment (on the instance's one <see cref="FlashClock"/>).</summary>
public sealed class FlashEffect(FlashClock clock, SharedCampaignReductions shared) : Effect<CampaignEventAppliedAction>
{
    public static TimeSpan Duration => FlashClock.Duration;

    public override Task HandleAsync(CampaignEventAppliedAction action, IDispatcher dispatcher, CancellationToken ct)
    {
        clock.EndLater(dispatcher, shared.ChangedIds(action.Envelope), ct);
        return Task.CompletedTask;
    }
}
