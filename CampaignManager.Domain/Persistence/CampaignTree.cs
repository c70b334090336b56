using CampaignManager.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Persistence;

/// <summary>Loads a whole campaign (members, kingdoms, settlements, structures) in a few split queries.</summary>
internal static class CampaignTree
{
    public static Task<Campaign?> LoadAsync(CampaignDbContext db, Guid campaignId, bool tracked, CancellationToken ct)
    {
        var query = db.Campaigns
            .Include(c => c.Members)
            .Include(c => c.Kingdoms).ThenInclude(k => k.Settlements).ThenInclude(s => s.Structures)
            .AsSplitQuery();
        return (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == campaignId, ct);
    }

    public static Task<Guid> CampaignOfKingdomAsync(CampaignDbContext db, Guid kingdomId, CancellationToken ct) =>
        db.Kingdoms.Where(k => k.Id == kingdomId).Select(k => k.CampaignId).FirstOrDefaultAsync(ct);

    public static Task<Guid> CampaignOfSettlementAsync(CampaignDbContext db, Guid settlementId, CancellationToken ct) =>
        db.Settlements.Where(s => s.Id == settlementId).Select(s => s.Kingdom.CampaignId).FirstOrDefaultAsync(ct);

    public static Task<Guid> CampaignOfStructureAsync(CampaignDbContext db, Guid structureId, CancellationToken ct) =>
        db.Structures.Where(s => s.Id == structureId).Select(s => s.Settlement.Kingdom.CampaignId).FirstOrDefaultAsync(ct);
}
