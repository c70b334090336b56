using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Campaigns;

/// <summary>Campaign commands and queries; every call authorizes the actor itself.</summary>
public sealed class CampaignService(DomainServiceContext context)
{
    private const string Entity = "Campaign";

    /// <summary>The campaigns the actor belongs to (every campaign for a site admin).</summary>
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await context.DbFactory.CreateDbContextAsync(ct);
        var query = db.Campaigns.AsNoTracking();
        if (!actor.IsAdmin)
        {
            query = query.Where(c => c.Members.Any(m => m.UserId == actor.UserId));
        }

        var rows = await query
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Description,
                c.Calendar,
                c.WorldTime,
                Role = c.Members.Where(m => m.UserId == actor.UserId).Select(m => (CampaignRole?)m.Role).FirstOrDefault(),
                Kingdoms = c.Kingdoms.Count(k => k.Visibility == Visibility.Everyone ||
                    actor.IsAdmin || c.Members.Any(m => m.UserId == actor.UserId && (m.Role == CampaignRole.GameMaster || m.Role == CampaignRole.Owner))),
                Members = c.Members.Count,
            })
            .ToListAsync(ct);
        return rows
            .Select(r => new CampaignSummary(r.Id, r.Name, r.Description, r.Role, r.Calendar.Describe(r.WorldTime).ToString(), r.Kingdoms, r.Members))
            .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    public async Task<CampaignView> GetAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        var read = await CampaignReader.LoadAsync(context, actor, campaignId, Entity, ct);
        return CampaignViews.Campaign(read.Campaign, read.Access, read.Derived);
    }

    /// <summary>Creates a campaign owned by the actor, on the given calendar (the Vellmark one by default).</summary>
    public async Task<Guid> CreateAsync(Actor actor, string name, string? description = null, Calendar? calendar = null, CancellationToken ct = default)
    {
        var v = new Validator();
        var trimmed = v.Name("name", name);
        var text = v.Description("description", description) ?? "";
        calendar ??= VellmarkCalendar.Create();
        foreach (var error in calendar.Validate())
        {
            v.Add("calendar", error);
        }

        v.ThrowIfInvalid();
        var campaign = new Campaign
        {
            Name = trimmed!,
            Description = text,
            Calendar = calendar,
            CreatedAt = context.Time.GetUtcNow(),
        };
        campaign.Members.Add(new CampaignMember
        {
            CampaignId = campaign.Id,
            UserId = actor.UserId,
            DisplayName = actor.DisplayName,
            Email = "",
            Role = CampaignRole.Owner,
        });
        await using var db = await context.DbFactory.CreateDbContextAsync(ct);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return campaign.Id;
    }

    public async Task<UpdateResult> UpdateAsync(Actor actor, Guid campaignId, CampaignUpdate update, long? expectedRevision = null, CancellationToken ct = default)
    {
        await using var command = await CampaignCommand.OpenAsync(context, actor, campaignId, Entity, ct);
        var campaign = command.Campaign;
        command.Access.RequireGameMaster("change the campaign's settings");
        var v = new Validator();
        var name = v.Name("name", update.Name);
        var description = v.Description("description", update.Description);
        foreach (var error in update.Calendar?.Validate() ?? [])
        {
            v.Add("calendar", error);
        }

        v.ThrowIfInvalid();
        Revisions.Check(campaign, expectedRevision, Entity);

        var previousName = campaign.Name;
        var changes = new FieldChanges();
        changes.Set("name", campaign.Name, name, x => campaign.Name = x);
        changes.Set("description", campaign.Description, description, x => campaign.Description = x);
        if (update.Calendar is not null && !CalendarEquals(update.Calendar, campaign.Calendar))
        {
            campaign.Calendar = update.Calendar;
            changes.Mark("calendar");
        }

        if (!changes.Any)
        {
            return new UpdateResult([], campaign.Revision);
        }

        var summary = changes.Contains("name")
            ? $"{actor.DisplayName} renamed the campaign {previousName} to {campaign.Name}"
            : $"{actor.DisplayName} updated the campaign ({string.Join(", ", changes.Fields)})";
        command.RecordCampaign(ChangeOperation.Update, changes.Fields, summary);
        await command.CommitAsync(ct);
        return new UpdateResult(changes.Fields, campaign.Revision);
    }

    public async Task DeleteAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        await using var command = await CampaignCommand.OpenAsync(context, actor, campaignId, Entity, ct);
        command.Access.RequireOwner("delete the campaign");
        command.RecordCampaign(ChangeOperation.Delete, [], $"{actor.DisplayName} deleted the campaign {command.Campaign.Name}");
        command.Db.Campaigns.Remove(command.Campaign);
        await command.CommitAsync(ct);
        context.Derived.Forget(campaignId);
    }

    private static bool CalendarEquals(Calendar a, Calendar b) =>
        System.Text.Json.JsonSerializer.Serialize(a, JsonColumn.Options) == System.Text.Json.JsonSerializer.Serialize(b, JsonColumn.Options);
}
