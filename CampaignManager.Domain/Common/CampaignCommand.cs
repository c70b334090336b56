using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Rules;
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
    private readonly List<DomainChange> _changes = [];

    private CampaignCommand(
        CampaignDbContext db,
        IDbContextTransaction transaction,
        Campaign campaign,
        Actor actor,
        DerivedValuesService derived,
        IEnumerable<ICampaignChangeObserver> observers)
    {
        Db = db;
        _transaction = transaction;
        Campaign = campaign;
        Actor = actor;
        Access = CampaignAccess.For(campaign, actor);
        _derived = derived;
        _observers = observers;
        _before = derived.ComputeAll(campaign);
    }

    public CampaignDbContext Db { get; }

    public Campaign Campaign { get; }

    public Actor Actor { get; }

    public CampaignAccess Access { get; }

    public long Sequence => Campaign.EventSequence;

    public IReadOnlyList<DomainChange> Changes => _changes;

    /// <summary>Opens the command; an unknown campaign or one the actor may not view is "not found".</summary>
    public static async Task<CampaignCommand> OpenAsync(
        DomainServiceContext context,
        Actor actor,
        Guid campaignId,
        string entityName,
        CancellationToken ct)
    {
        var db = await context.DbFactory.CreateDbContextAsync(ct);
        try
        {
            // Cheap early exit, so an outsider never takes the write lock.
            var visible = await db.Campaigns.AnyAsync(
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
            var command = new CampaignCommand(db, transaction, campaign, actor, context.Derived, context.Observers);
            command.Access.RequireView(entityName);
            return command;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public void Record(DomainChange change) => _changes.Add(change);

    /// <summary>Saves and commits; returns the campaign's new event sequence.</summary>
    public async Task<long> CommitAsync(CancellationToken ct)
    {
        var after = _derived.ComputeAll(Campaign);
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

        await _transaction.CommitAsync(ct);

        var sequence = Campaign.EventSequence;
        _derived.Commit(Campaign.Id, sequence, _before, after, derivedChanges);
        var committed = new CommittedChanges(
            Campaign.Id,
            sequence,
            Actor,
            _changes,
            derivedChanges.GetValueOrDefault(Visibility.GameMasters) ?? []);
        foreach (var observer in _observers)
        {
            await observer.OnCommittedAsync(committed, ct);
        }

        return sequence;
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await Db.DisposeAsync();
    }
}
