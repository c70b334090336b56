using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.WorldTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CampaignManager.Domain.Common;

/// <summary>
/// One command against one campaign, in one transaction: lock the campaign by advancing its event
/// sequence (so concurrent writers queue up and the sequence has no holes), load the tracked tree,
/// check access, let the caller change it, then save, compute derived values inside the same
/// transaction, commit, and only after the commit tell the cache and the observers.
/// Disposing without <see cref="CommitAsync"/> rolls everything back (that is how no-ops end).
/// </summary>
internal sealed class CampaignCommand : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly DerivedValuesService _derived;
    private readonly IEnumerable<ICampaignChangeObserver> _observers;
    private readonly IReadOnlyDictionary<Visibility, CampaignDerivedValues> _before;
    private IReadOnlyDictionary<Visibility, CampaignDerivedValues>? _after;
    private readonly List<DomainChange> _changes = [];
    private readonly TimeProvider _time;

    private CampaignCommand(
        CampaignDbContext db,
        IDbContextTransaction transaction,
        Campaign campaign,
        Actor actor,
        DerivedValuesService derived,
        IEnumerable<ICampaignChangeObserver> observers,
        TimeProvider time)
    {
        _time = time;
        Db = db;
        _transaction = transaction;
        Campaign = campaign;
        Actor = actor;
        Access = CampaignAccess.For(campaign, actor);
        _derived = derived;
        _observers = observers;
        _before = derived.CurrentUnderLock(campaign);
    }

    public CampaignDbContext Db { get; }

    public Campaign Campaign { get; }

    public Actor Actor { get; }

    public CampaignAccess Access { get; }

    public long Sequence => Campaign.EventSequence;

    public IReadOnlyList<DomainChange> Changes => _changes;

    /// <summary>The derived values the actor sees: as committed, or as loaded when nothing was committed.</summary>
    public CampaignDerivedValues DerivedForActor() => (_after ?? _before)[Access.Audience];

    /// <summary>Opens the command; an unknown campaign or one the actor may not view is "not found".</summary>
    public static Task<CampaignCommand> OpenAsync(
        DomainServiceContext context,
        Actor actor,
        Guid campaignId,
        string entityName,
        CancellationToken ct) =>
        OpenAsync(context, actor, _ => Task.FromResult(campaignId), entityName, ct);

    /// <summary>
    /// Opens the command on the campaign an entity belongs to, found by <paramref name="campaignOf"/>
    /// on the command's own connection (an empty id — unknown entity — is "not found").
    /// </summary>
    public static async Task<CampaignCommand> OpenAsync(
        DomainServiceContext context,
        Actor actor,
        Func<CampaignDbContext, Task<Guid>> campaignOf,
        string entityName,
        CancellationToken ct)
    {
        var db = await context.DbFactory.CreateDbContextAsync(ct);
        try
        {
            // One connection open for the whole command, not one per query: every open of a SQLite
            // connection registers EF's SQL functions on it again (a finalizable handle each, ~13 per
            // open), and the lookup, the access check and the transaction would open it three times.
            await db.Database.OpenConnectionAsync(ct);
            var campaignId = await campaignOf(db);
            // Cheap early exit, so an outsider never takes the write lock.
            var visible = campaignId != Guid.Empty && await db.Campaigns.AnyAsync(
                c => c.Id == campaignId && (actor.IsAdmin || c.Members.Any(m => m.UserId == actor.UserId)), ct);
            if (!visible)
            {
                throw new NotFoundException(entityName);
            }

            var transaction = await db.Database.BeginTransactionAsync(ct);
            // The first statement of the transaction is the write that locks the campaign: later
            // writers of the same campaign wait here, and the tree below is read after theirs.
            await db.Campaigns.Where(c => c.Id == campaignId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.EventSequence, c => c.EventSequence + 1), ct);
            var campaign = await CampaignTree.LoadAsync(db, campaignId, tracked: true, ct)
                ?? throw new NotFoundException(entityName);
            var command = new CampaignCommand(db, transaction, campaign, actor, context.Derived, context.Observers, context.Time);
            command.Access.RequireView(entityName);
            return command;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public void RecordCampaign(ChangeOperation operation, IReadOnlyList<string> fields, string summary) =>
        _changes.Add(new DomainChange(DomainChange.EntityTypes.Campaign, Campaign.Id, operation, fields,
            Visibility.Everyone, Visibility.Everyone, summary));

    public void RecordMember(CampaignMember member, ChangeOperation operation, IReadOnlyList<string> fields, string summary) =>
        _changes.Add(new DomainChange(DomainChange.EntityTypes.Member, member.Id, operation, fields,
            Visibility.Everyone, Visibility.Everyone, summary));

    /// <param name="previousOwnVisibility">The kingdom's own visibility before the change; null for a create.</param>
    public void RecordKingdom(Kingdom kingdom, ChangeOperation operation, IReadOnlyList<string> fields, Visibility? previousOwnVisibility, string summary) =>
        _changes.Add(new DomainChange(DomainChange.EntityTypes.Kingdom, kingdom.Id, operation, fields,
            EffectiveVisibility.Of(kingdom), previousOwnVisibility, summary)
        { KingdomId = kingdom.Id });

    /// <param name="previousOwnVisibility">The settlement's own visibility before the change; null for a create.</param>
    /// <param name="gameMastersOnly">The change touched only GM-only details (e.g. a GM-only variable): players must not hear of it.</param>
    public void RecordSettlement(Settlement settlement, ChangeOperation operation, IReadOnlyList<string> fields, Visibility? previousOwnVisibility, string summary, bool gameMastersOnly = false)
    {
        var parents = EffectiveVisibility.ParentsOf(settlement);
        var now = gameMastersOnly ? Visibility.GameMasters : EffectiveVisibility.Of(settlement);
        Visibility? before = gameMastersOnly ? Visibility.GameMasters
            : previousOwnVisibility is { } own ? EffectiveVisibility.Combine(own, parents) : null;
        _changes.Add(new DomainChange(DomainChange.EntityTypes.Settlement, settlement.Id, operation, fields, now, before, summary)
        {
            KingdomId = settlement.KingdomId,
            SettlementId = settlement.Id,
        });
    }

    /// <param name="previousOwnVisibility">The structure's own visibility before the change; null for a create.</param>
    /// <param name="gameMastersOnly">The change touched only GM-only details: players must not hear of it.</param>
    public void RecordStructure(Structure structure, ChangeOperation operation, IReadOnlyList<string> fields, Visibility? previousOwnVisibility, string summary, bool gameMastersOnly = false)
    {
        var parents = EffectiveVisibility.ParentsOf(structure);
        var now = gameMastersOnly ? Visibility.GameMasters : EffectiveVisibility.Of(structure);
        Visibility? before = gameMastersOnly ? Visibility.GameMasters
            : previousOwnVisibility is { } own ? EffectiveVisibility.Combine(own, parents) : null;
        _changes.Add(new DomainChange(DomainChange.EntityTypes.Structure, structure.Id, operation, fields, now, before, summary)
        {
            KingdomId = structure.Settlement.KingdomId,
            SettlementId = structure.SettlementId,
        });
    }

    public void RecordWorldTime(WorldTimeChange change, string summary) =>
        _changes.Add(new DomainChange(DomainChange.EntityTypes.WorldTime, Campaign.Id, ChangeOperation.Update, ["worldTime"],
            Visibility.Everyone, Visibility.Everyone, summary)
        { WorldTime = change });

    /// <summary>
    /// Saves the change and its events in one transaction and commits; returns the game masters'
    /// stream's last sequence.
    /// </summary>
    public async Task<long> CommitAsync(CancellationToken ct)
    {
        var after = _after = _derived.ComputeAll(Campaign);
        var derivedChanges = DerivedValuesService.Diff(_before, after);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var name = ex.Entries.FirstOrDefault()?.Metadata.ClrType.Name ?? "The entity";
            throw new ConcurrencyConflictException(name);
        }

        // The outbox: the events go into the log in the same transaction as the change. The
        // sequence was already advanced by one when the command locked the campaign.
        var firstSequence = Campaign.EventSequence;
        var reason = _changes.Count > 0 ? _changes[0].Summary : "";
        var rows = new CampaignEventFactory(Campaign, Actor, _time.GetUtcNow())
            .Build(_changes, derivedChanges, after, reason, firstSequence - 1, Campaign.PlayerEventSequence);
        var gameMasterCount = rows.Count(r => r.Audience == Visibility.GameMasters);
        var playerCount = rows.Count - gameMasterCount;
        Db.Events.AddRange(rows);
        // Nothing in the tracked tree changed since the save above, so this save need not scan it.
        await Db.SaveAddedAsync(ct);
        await Db.Campaigns.Where(c => c.Id == Campaign.Id).ExecuteUpdateAsync(
            s => s.SetProperty(c => c.EventSequence, c => c.EventSequence + gameMasterCount - 1)
                  .SetProperty(c => c.PlayerEventSequence, c => c.PlayerEventSequence + playerCount),
            ct);
        await _transaction.CommitAsync(ct);

        var sequence = firstSequence + gameMasterCount - 1;
        KeepUnmodified(c => c.EventSequence, sequence);
        KeepUnmodified(c => c.PlayerEventSequence, Campaign.PlayerEventSequence + playerCount);
        _derived.Commit(Campaign.Id, sequence, _before, after, derivedChanges);
        var committed = new CommittedChanges(
            Campaign.Id,
            sequence,
            Actor,
            _changes,
            derivedChanges.GetValueOrDefault(Visibility.GameMasters) ?? [],
            rows);
        foreach (var observer in _observers)
        {
            await observer.OnCommittedAsync(committed, ct);
        }

        return sequence;
    }

    // The counters were advanced in SQL; mirror them on the tracked entity without marking it
    // modified, so no later save rewrites the campaign row (and its revision) by accident.
    private void KeepUnmodified(System.Linq.Expressions.Expression<Func<Campaign, long>> property, long value)
    {
        // Entry() would scan the campaign for changes first (its JSON columns too); nothing here needs that.
        var detecting = Db.ChangeTracker.AutoDetectChangesEnabled;
        Db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var entry = Db.Entry(Campaign).Property(property);
            entry.CurrentValue = value;
            entry.OriginalValue = value;
        }
        finally
        {
            Db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    // Returning the context to the pool closes the connection the command opened
    // (CampaignDbContextFactoryTests pins that).
    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await Db.DisposeAsync();
    }
}
