using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Campaigns;

/// <summary>
/// What one actor may do in one campaign. Built inside every domain service call from the stored
/// membership, so the UI's buttons are a convenience, never the guard.
/// </summary>
public sealed record CampaignAccess(Guid CampaignId, CampaignRole? Role, bool IsAdmin)
{
    public bool CanView => IsAdmin || Role is not null;

    /// <summary>Players and above change what they can see; observers change nothing.</summary>
    public bool CanEdit => IsAdmin || Role >= CampaignRole.Player;

    /// <summary>Game masters (and owners and admins) see GM-only things and run the world.</summary>
    public bool IsGameMaster => IsAdmin || Role >= CampaignRole.GameMaster;

    public bool IsOwner => IsAdmin || Role == CampaignRole.Owner;

    /// <summary>The widest visibility this actor may receive.</summary>
    public Visibility Audience => IsGameMaster ? Visibility.GameMasters : Visibility.Everyone;

    public bool CanSee(Visibility visibility) => visibility == Visibility.Everyone || IsGameMaster;

    internal static CampaignAccess For(Campaign campaign, Actor actor) =>
        new(campaign.Id, campaign.Members.FirstOrDefault(m => m.UserId == actor.UserId)?.Role, actor.IsAdmin);

    internal void RequireView(string entityName)
    {
        if (!CanView)
        {
            throw new NotFoundException(entityName);
        }
    }

    internal void RequireEdit(string what)
    {
        if (!CanEdit)
        {
            throw new ForbiddenException($"Observers cannot change {what}.");
        }
    }

    internal void RequireGameMaster(string action)
    {
        if (!IsGameMaster)
        {
            throw new ForbiddenException($"Only game masters can {action}.");
        }
    }

    internal void RequireOwner(string action)
    {
        if (!IsOwner)
        {
            throw new ForbiddenException($"Only the campaign's owner or a site admin can {action}.");
        }
    }
}
