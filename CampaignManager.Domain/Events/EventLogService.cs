using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Events;

/// <summary>
/// Who may listen to which room, and reading the event log to catch up. Both are authorized here,
/// like every other query: the real-time layer asks, it never decides.
/// </summary>
public sealed class EventLogService(DomainServiceContext context)
{
    /// <summary>The most events one read returns; a longer gap means "reload".</summary>
    public const int MaxPage = 500;

    /// <summary>
    /// Checks that the actor may view the room's entity (through its campaign, for settlement and
    /// structure rooms too) and tells which stream it receives. Unknown rooms, unknown ids and hidden
    /// entities are all "not found".
    /// </summary>
    public async Task<RoomAccess> AuthorizeRoomAsync(Actor actor, string room, CancellationToken ct = default)
    {
        var (kind, id) = Parse(room);
        var read = await CampaignReader.LoadAsync(context, actor, await CampaignOfAsync(kind, id, ct), "Room", ct);
        var access = read.Access;
        var visible = kind switch
        {
            RoomNames.CampaignPrefix => true,
            RoomNames.SettlementPrefix => read.Campaign.Kingdoms.Where(k => access.CanSee(k.Visibility))
                .SelectMany(k => k.Settlements).Any(s => s.Id == id && access.CanSee(s.Visibility)),
            _ => read.Campaign.Kingdoms.Where(k => access.CanSee(k.Visibility))
                .SelectMany(k => k.Settlements).Where(s => access.CanSee(s.Visibility))
                .SelectMany(s => s.Structures).Any(s => s.Id == id && access.CanSee(s.Visibility)),
        };
        // The canonical spelling, whatever the caller wrote: events name rooms exactly like this.
        return visible ? new RoomAccess(kind + id.ToString("D"), read.Campaign.Id, access.Audience) : throw new NotFoundException("Room");
    }

    /// <summary>The actor's stream after <paramref name="afterSequence"/>, in order, at most <see cref="MaxPage"/> events.</summary>
    public async Task<EventLogPage> ReadAsync(Actor actor, Guid campaignId, long afterSequence, CancellationToken ct = default)
    {
        await using var db = await context.DbFactory.CreateDbContextAsync(ct);
        var member = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId)
            .Select(c => new
            {
                c.EventSequence,
                c.PlayerEventSequence,
                Role = c.Members.Where(m => m.UserId == actor.UserId).Select(m => (CampaignRole?)m.Role).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (member is null)
        {
            throw new NotFoundException("Campaign");
        }

        var access = new CampaignAccess(campaignId, member.Role, actor.IsAdmin);
        access.RequireView("Campaign");
        var audience = access.Audience;
        var current = audience == Visibility.GameMasters ? member.EventSequence : member.PlayerEventSequence;
        if (afterSequence >= current)
        {
            return new EventLogPage([], current, Complete: true);
        }

        var events = await db.Events.AsNoTracking()
            // Capped at the sequence read above: an event committed meanwhile belongs to the next read.
            .Where(e => e.CampaignId == campaignId && e.Audience == audience && e.Sequence > afterSequence && e.Sequence <= current)
            .OrderBy(e => e.Sequence)
            .Take(MaxPage)
            .ToListAsync(ct);
        var complete = events.Count > 0 && events[0].Sequence == afterSequence + 1 && events[^1].Sequence == current;
        return new EventLogPage(events, current, complete);
    }

    /// <summary>The last <paramref name="count"/> events of the actor's stream, oldest first (the activity feed).</summary>
    public async Task<IReadOnlyList<CampaignEvent>> RecentAsync(Actor actor, Guid campaignId, int count = 50, CancellationToken ct = default)
    {
        var read = await CampaignReader.LoadAsync(context, actor, campaignId, "Campaign", ct);
        await using var db = await context.DbFactory.CreateDbContextAsync(ct);
        var audience = read.Access.Audience;
        var events = await db.Events.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.Audience == audience)
            .OrderByDescending(e => e.Sequence)
            .Take(Math.Clamp(count, 1, MaxPage))
            .ToListAsync(ct);
        events.Reverse();
        return events;
    }

    private async Task<Guid> CampaignOfAsync(string kind, Guid id, CancellationToken ct) => kind switch
    {
        RoomNames.CampaignPrefix => id,
        RoomNames.SettlementPrefix => await CampaignReader.CampaignOfAsync(context, db => CampaignTree.CampaignOfSettlementAsync(db, id, ct), "Room", ct),
        _ => await CampaignReader.CampaignOfAsync(context, db => CampaignTree.CampaignOfStructureAsync(db, id, ct), "Room", ct),
    };

    private static (string Kind, Guid Id) Parse(string room)
    {
        foreach (var prefix in new[] { RoomNames.CampaignPrefix, RoomNames.SettlementPrefix, RoomNames.StructurePrefix })
        {
            if (room.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(room.AsSpan(prefix.Length), out var id))
            {
                return (prefix, id);
            }
        }

        throw new DomainValidationException("room", $"'{(room.Length > 80 ? room[..80] + "…" : room)}' is not a room. Rooms are campaign:{{id}}, settlement:{{id}} or structure:{{id}}.");
    }
}
