using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Rules;

namespace CampaignManager.Domain.Common;

/// <summary>A read of one campaign as one actor: the untracked tree, the actor's access and derived values.</summary>
internal sealed record CampaignReader(Campaign Campaign, CampaignAccess Access, CampaignDerivedValues Derived)
{
    public static async Task<CampaignReader> LoadAsync(
        DomainServiceContext context, Actor actor, Guid campaignId, string entityName, CancellationToken ct)
    {
        await using var db = await context.DbFactory.CreateDbContextAsync(ct);
        var campaign = await CampaignTree.LoadAsync(db, campaignId, tracked: false, ct)
            ?? throw new NotFoundException(entityName);
        var access = CampaignAccess.For(campaign, actor);
        access.RequireView(entityName);
        return new CampaignReader(campaign, access, context.Derived.Get(campaign, access.Audience));
    }

    /// <summary>Finds the campaign an entity belongs to; unknown ids are "not found".</summary>
    public static async Task<Guid> CampaignOfAsync(
        DomainServiceContext context, Func<CampaignDbContext, Task<Guid>> lookup, string entityName, CancellationToken ct)
    {
        await using var db = await context.DbFactory.CreateDbContextAsync(ct);
        var campaignId = await lookup(db);
        return campaignId == Guid.Empty ? throw new NotFoundException(entityName) : campaignId;
    }
}
