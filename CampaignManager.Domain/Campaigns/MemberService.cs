using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Campaigns;

/// <summary>Campaign membership: only the owner and site admins manage it.</summary>
public sealed class MemberService(DomainServiceContext context, IUserDirectory users)
{
    private const string Entity = "Campaign";

    public async Task<IReadOnlyList<MemberView>> ListAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        var read = await CampaignReader.LoadAsync(context, actor, campaignId, Entity, ct);
        return CampaignViews.Campaign(read.Campaign, read.Access, read.Derived).Members;
    }

    public async Task<MemberView> AddAsync(Actor actor, Guid campaignId, string email, CampaignRole role, CancellationToken ct = default)
    {
        await using var command = await CampaignCommand.OpenAsync(context, actor, campaignId, Entity, ct);
        command.Access.RequireOwner("manage members");
        var v = new Validator();
        v.Defined("role", (CampaignRole?)role, "Role");
        if (string.IsNullOrWhiteSpace(email))
        {
            v.Add("email", "Email is required.");
        }

        v.ThrowIfInvalid();
        var user = await users.FindByEmailAsync(email.Trim(), ct)
            ?? throw new DomainValidationException("email", $"No account uses the email '{email.Trim()}'.");
        if (command.Campaign.Members.Any(m => m.UserId == user.UserId))
        {
            throw new DomainValidationException("email", $"{user.DisplayName} is already a member.");
        }

        var member = new CampaignMember
        {
            CampaignId = campaignId,
            UserId = user.UserId,
            DisplayName = user.DisplayName,
            Email = user.Email,
            Role = role,
        };
        command.Campaign.Members.Add(member);
        command.Db.CampaignMembers.Add(member);
        command.RecordMember(member, ChangeOperation.Create, [], $"{actor.DisplayName} added {member.DisplayName} as {role}");
        await command.CommitAsync(ct);
        return new MemberView(member.Id, member.UserId, member.DisplayName, member.Email, member.Role, member.Revision);
    }

    public async Task<UpdateResult> ChangeRoleAsync(Actor actor, Guid campaignId, string userId, CampaignRole role, CancellationToken ct = default)
    {
        await using var command = await CampaignCommand.OpenAsync(context, actor, campaignId, Entity, ct);
        command.Access.RequireOwner("manage members");
        var v = new Validator();
        v.Defined("role", (CampaignRole?)role, "Role");
        v.ThrowIfInvalid();
        var member = command.Campaign.Members.FirstOrDefault(m => m.UserId == userId)
            ?? throw new NotFoundException("Member");
        if (member.Role == role)
        {
            return new UpdateResult([], member.Revision);
        }

        RequireAnotherOwner(command.Campaign, member, role);
        member.Role = role;
        command.RecordMember(member, ChangeOperation.Update, ["role"], $"{actor.DisplayName} made {member.DisplayName} {role}");
        await command.CommitAsync(ct);
        return new UpdateResult(["role"], member.Revision);
    }

    public async Task RemoveAsync(Actor actor, Guid campaignId, string userId, CancellationToken ct = default)
    {
        await using var command = await CampaignCommand.OpenAsync(context, actor, campaignId, Entity, ct);
        command.Access.RequireOwner("manage members");
        var member = command.Campaign.Members.FirstOrDefault(m => m.UserId == userId)
            ?? throw new NotFoundException("Member");
        RequireAnotherOwner(command.Campaign, member, newRole: null);
        command.Campaign.Members.Remove(member);
        command.Db.CampaignMembers.Remove(member);
        command.RecordMember(member, ChangeOperation.Delete, [], $"{actor.DisplayName} removed {member.DisplayName}");
        await command.CommitAsync(ct);
    }

    // A campaign always keeps an owner, or nobody could manage it short of a site admin.
    private static void RequireAnotherOwner(Campaign campaign, CampaignMember member, CampaignRole? newRole)
    {
        if (member.Role == CampaignRole.Owner && newRole != CampaignRole.Owner &&
            campaign.Members.Count(m => m.Role == CampaignRole.Owner) == 1)
        {
            throw new DomainValidationException("role", "A campaign needs at least one owner. Make someone else owner first.");
        }
    }
}
