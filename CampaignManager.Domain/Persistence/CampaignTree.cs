using CampaignManager.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Persistence;

/// <summary>
/// Loads a whole campaign (members, kingdoms, settlements, structures) in a few split queries. Every
/// command runs one of these first, so they are compiled once: EF then skips parameterizing the
/// expression and looking its plan up on each call (docs/benchmarks.md, "The write's queries, compiled").
/// </summary>
internal static class CampaignTree
{
    private static readonly Func<CampaignDbContext, Guid, CancellationToken, Task<Campaign?>> Tracked =
        EF.CompileAsyncQuery((CampaignDbContext db, Guid campaignId, CancellationToken ct) => db.Campaigns
            .AsTracking()
            .Include(c => c.Members)
            .Include(c => c.Kingdoms).ThenInclude(k => k.Settlements).ThenInclude(s => s.Structures)
            .AsSplitQuery()
            .FirstOrDefault(c => c.Id == campaignId));

    // The same query once more: a compiled query's tracking is fixed when it is compiled, and the
    // expression cannot call a shared helper (EF would not translate the call).
    private static readonly Func<CampaignDbContext, Guid, CancellationToken, Task<Campaign?>> Untracked =
        EF.CompileAsyncQuery((CampaignDbContext db, Guid campaignId, CancellationToken ct) => db.Campaigns
            .AsNoTracking()
            .Include(c => c.Members)
            .Include(c => c.Kingdoms).ThenInclude(k => k.Settlements).ThenInclude(s => s.Structures)
            .AsSplitQuery()
            .FirstOrDefault(c => c.Id == campaignId));

    private static readonly Func<CampaignDbContext, Guid, CancellationToken, Task<Guid>> OfKingdom =
        EF.CompileAsyncQuery((CampaignDbContext db, Guid kingdomId, CancellationToken ct) =>
            db.Kingdoms.Where(k => k.Id == kingdomId).Select(k => k.CampaignId).FirstOrDefault());

    private static readonly Func<CampaignDbContext, Guid, CancellationToken, Task<Guid>> OfSettlement =
        EF.CompileAsyncQuery((CampaignDbContext db, Guid settlementId, CancellationToken ct) =>
            db.Settlements.Where(s => s.Id == settlementId).Select(s => s.Kingdom.CampaignId).FirstOrDefault());

    private static readonly Func<CampaignDbContext, Guid, CancellationToken, Task<Guid>> OfStructure =
        EF.CompileAsyncQuery((CampaignDbContext db, Guid structureId, CancellationToken ct) =>
            db.Structures.Where(s => s.Id == structureId).Select(s => s.Settlement.Kingdom.CampaignId).FirstOrDefault());

    public static Task<Campaign?> LoadAsync(CampaignDbContext db, Guid campaignId, bool tracked, CancellationToken ct) =>
        (tracked ? Tracked : Untracked)(db, campaignId, ct);

    public static Task<Guid> CampaignOfKingdomAsync(CampaignDbContext db, Guid kingdomId, CancellationToken ct) => OfKingdom(db, kingdomId, ct);

    public static Task<Guid> CampaignOfSettlementAsync(CampaignDbContext db, Guid settlementId, CancellationToken ct) => OfSettlement(db, settlementId, ct);

    public static Task<Guid> CampaignOfStructureAsync(CampaignDbContext db, Guid structureId, CancellationToken ct) => OfStructure(db, structureId, ct);
}
