using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Persistence;

namespace CampaignManager.Domain.Kingdoms;

/// <summary>Commands and queries of kingdoms; every call authorizes the actor itself.</summary>
public sealed class KingdomService(DomainServiceContext context)
{
    private const string Entity = "Kingdom";
    private const int MaxLevel = 20;
    private const int MaxHexes = 10_000;
    private const int MaxScore = 30;
    private const int MaxTrack = 99;
    private const int MaxStock = 999;

    public async Task<KingdomView> GetAsync(Actor actor, Guid kingdomId, CancellationToken ct = default)
    {
        var campaignId = await CampaignReader.CampaignOfAsync(context, db => CampaignTree.CampaignOfKingdomAsync(db, kingdomId, ct), Entity, ct);
        var read = await CampaignReader.LoadAsync(context, actor, campaignId, Entity, ct);
        var kingdom = read.Campaign.Kingdoms.FirstOrDefault(k => k.Id == kingdomId && read.Access.CanSee(k.Visibility))
            ?? throw new NotFoundException(Entity);
        return CampaignViews.Kingdom(kingdom, read.Access, read.Derived);
    }

    public async Task<KingdomView> CreateAsync(Actor actor, Guid campaignId, KingdomInput input, CancellationToken ct = default)
    {
        await using var command = await CampaignCommand.OpenAsync(context, actor, campaignId, "Campaign", ct);
        command.Access.RequireGameMaster("create kingdoms");
        var v = new Validator();
        var name = v.Name("name", input.Name);
        v.Range("level", input.Level, 1, MaxLevel, "Level");
        v.Range("sizeHexes", input.SizeHexes, 1, MaxHexes, "Size");
        v.Defined("visibility", (Visibility?)input.Visibility, "Visibility");
        v.ThrowIfInvalid();

        var kingdom = new Kingdom
        {
            CampaignId = campaignId,
            Name = name!,
            Level = input.Level,
            SizeHexes = input.SizeHexes,
            Visibility = input.Visibility,
        };
        command.Campaign.Kingdoms.Add(kingdom);
        command.Db.Kingdoms.Add(kingdom);
        command.RecordKingdom(kingdom, ChangeOperation.Create, [], null, $"{actor.DisplayName} founded the kingdom of {kingdom.Name}");
        await command.CommitAsync(ct);
        return CampaignViews.Kingdom(kingdom, command.Access, context.Derived.Get(command.Campaign, command.Access.Audience));
    }

    public async Task<UpdateResult> UpdateAsync(Actor actor, Guid kingdomId, KingdomUpdate update, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, kingdomId, ct);
        var kingdom = Find(command, kingdomId);
        command.Access.RequireEdit("the kingdom");
        if (update.Visibility is { } visibility && visibility != kingdom.Visibility)
        {
            command.Access.RequireGameMaster("change who can see a kingdom");
        }

        var v = new Validator();
        var name = v.Name("name", update.Name);
        v.Range("level", update.Level, 1, MaxLevel, "Level");
        v.Range("sizeHexes", update.SizeHexes, 1, MaxHexes, "Size");
        v.Range("culture", update.Culture, 1, MaxScore, "Culture");
        v.Range("economy", update.Economy, 1, MaxScore, "Economy");
        v.Range("loyalty", update.Loyalty, 1, MaxScore, "Loyalty");
        v.Range("stability", update.Stability, 1, MaxScore, "Stability");
        v.Range("unrest", update.Unrest, 0, MaxTrack, "Unrest");
        v.Range("corruption", update.Corruption, 0, MaxTrack, "Corruption");
        v.Range("crime", update.Crime, 0, MaxTrack, "Crime");
        v.Range("decay", update.Decay, 0, MaxTrack, "Decay");
        v.Range("strife", update.Strife, 0, MaxTrack, "Strife");
        v.Range("resourceDiceBonus", update.ResourceDiceBonus, 0, MaxLevel, "Resource dice bonus");
        v.Range("resourceDicePenalty", update.ResourceDicePenalty, 0, MaxLevel, "Resource dice penalty");
        v.Range("farmlandHexes", update.FarmlandHexes, 0, MaxHexes, "Farmland");
        v.Defined("visibility", update.Visibility, "Visibility");
        foreach (var (commodity, amount) in update.Commodities ?? new Dictionary<Commodity, int>())
        {
            v.Defined("commodities", (Commodity?)commodity, "Commodity");
            v.Range($"commodities.{commodity}", amount, 0, MaxStock, commodity.ToString());
        }

        var siteNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (site, count) in update.WorkSites ?? new Dictionary<string, int>())
        {
            var siteName = v.Name("workSites", site, "Work site");
            v.Range($"workSites.{site}", count, 0, MaxHexes, site);
            if (siteName is not null && !siteNames.Add(siteName))
            {
                v.Add("workSites", $"Work site '{siteName}' is listed more than once.");
            }
        }

        foreach (var (seat, leader) in update.Leadership ?? new Dictionary<LeadershipSeat, string?>())
        {
            v.Defined("leadership", (LeadershipSeat?)seat, "Leadership seat");
            if (!string.IsNullOrWhiteSpace(leader))
            {
                v.Name($"leadership.{seat}", leader, seat.ToString());
            }
        }

        v.ThrowIfInvalid();
        Revisions.Check(kingdom, expectedRevision, Entity);

        var previousName = kingdom.Name;
        var previousVisibility = kingdom.Visibility;
        var changes = new FieldChanges();
        changes.Set("name", kingdom.Name, name, x => kingdom.Name = x);
        changes.Set("level", kingdom.Level, update.Level, x => kingdom.Level = x);
        changes.Set("sizeHexes", kingdom.SizeHexes, update.SizeHexes, x => kingdom.SizeHexes = x);
        changes.Set("culture", kingdom.Culture, update.Culture, x => kingdom.Culture = x);
        changes.Set("economy", kingdom.Economy, update.Economy, x => kingdom.Economy = x);
        changes.Set("loyalty", kingdom.Loyalty, update.Loyalty, x => kingdom.Loyalty = x);
        changes.Set("stability", kingdom.Stability, update.Stability, x => kingdom.Stability = x);
        changes.Set("unrest", kingdom.Unrest, update.Unrest, x => kingdom.Unrest = x);
        changes.Set("corruption", kingdom.Corruption, update.Corruption, x => kingdom.Corruption = x);
        changes.Set("crime", kingdom.Crime, update.Crime, x => kingdom.Crime = x);
        changes.Set("decay", kingdom.Decay, update.Decay, x => kingdom.Decay = x);
        changes.Set("strife", kingdom.Strife, update.Strife, x => kingdom.Strife = x);
        changes.Set("resourceDiceBonus", kingdom.ResourceDiceBonus, update.ResourceDiceBonus, x => kingdom.ResourceDiceBonus = x);
        changes.Set("resourceDicePenalty", kingdom.ResourceDicePenalty, update.ResourceDicePenalty, x => kingdom.ResourceDicePenalty = x);
        changes.Set("farmlandHexes", kingdom.FarmlandHexes, update.FarmlandHexes, x => kingdom.FarmlandHexes = x);
        changes.Set("visibility", kingdom.Visibility, update.Visibility, x => kingdom.Visibility = x);
        if (Merge(kingdom.Commodities, update.Commodities, amount => amount == 0) is { } commodities)
        {
            kingdom.Commodities = commodities;
            changes.Mark("commodities");
        }

        if (Merge(kingdom.WorkSites, update.WorkSites?.ToDictionary(kv => kv.Key.Trim(), kv => kv.Value), count => count == 0) is { } workSites)
        {
            kingdom.WorkSites = workSites;
            changes.Mark("workSites");
        }

        var leadership = update.Leadership?.ToDictionary(kv => kv.Key, kv => kv.Value?.Trim() ?? "");
        if (Merge(kingdom.Leadership, leadership, string.IsNullOrEmpty) is { } seats)
        {
            kingdom.Leadership = seats;
            changes.Mark("leadership");
        }

        if (!changes.Any)
        {
            return new UpdateResult([], kingdom.Revision);
        }

        var summary = changes.Contains("name")
            ? $"{actor.DisplayName} renamed {previousName} to {kingdom.Name}"
            : $"{actor.DisplayName} updated {kingdom.Name} ({string.Join(", ", changes.Fields)})";
        command.RecordKingdom(kingdom, ChangeOperation.Update, changes.Fields, previousVisibility, summary);
        await command.CommitAsync(ct);
        return new UpdateResult(changes.Fields, kingdom.Revision);
    }

    public async Task DeleteAsync(Actor actor, Guid kingdomId, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await OpenAsync(actor, kingdomId, ct);
        var kingdom = Find(command, kingdomId);
        command.Access.RequireGameMaster("dissolve kingdoms");
        Revisions.Check(kingdom, expectedRevision, Entity);
        command.RecordKingdom(kingdom, ChangeOperation.Delete, [], kingdom.Visibility, $"{actor.DisplayName} dissolved the kingdom of {kingdom.Name}");
        command.Campaign.Kingdoms.Remove(kingdom);
        command.Db.Kingdoms.Remove(kingdom);
        await command.CommitAsync(ct);
    }

    private Task<CampaignCommand> OpenAsync(Actor actor, Guid kingdomId, CancellationToken ct) =>
        CampaignCommand.OpenAsync(context, actor, db => CampaignTree.CampaignOfKingdomAsync(db, kingdomId, ct), Entity, ct);

    private static Kingdom Find(CampaignCommand command, Guid kingdomId) =>
        command.Campaign.Kingdoms.FirstOrDefault(k => k.Id == kingdomId && command.Access.CanSee(k.Visibility))
        ?? throw new NotFoundException(Entity);

    /// <summary>Applies named entries (an "empty" value removes one); null when nothing would change.</summary>
    private static Dictionary<TKey, TValue>? Merge<TKey, TValue>(
        Dictionary<TKey, TValue> current, IReadOnlyDictionary<TKey, TValue>? proposed, Func<TValue, bool> isEmpty)
        where TKey : notnull
    {
        if (proposed is null)
        {
            return null;
        }

        var next = new Dictionary<TKey, TValue>(current);
        foreach (var (key, value) in proposed)
        {
            if (isEmpty(value))
            {
                next.Remove(key);
            }
            else
            {
                next[key] = value;
            }
        }

        var same = next.Count == current.Count &&
            next.All(kv => current.TryGetValue(kv.Key, out var old) && EqualityComparer<TValue>.Default.Equals(old, kv.Value));
        return same ? null : next;
    }
}
