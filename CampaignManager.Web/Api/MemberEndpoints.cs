using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using static CampaignManager.Web.Api.ApiHttp;

namespace CampaignManager.Web.Api;

/// <summary><c>/api/campaigns/{id}/members</c>: who is in the campaign, with which role (owners manage it).</summary>
public static class MemberEndpoints
{
    public static void MapMemberEndpoints(this IEndpointRouteBuilder api)
    {
        var members = api.MapGroup("/campaigns/{campaignId:guid}/members").WithTags("Members");
        members.MapGet("/", async (Guid campaignId, HttpContext http, MemberService service, CancellationToken ct) =>
                Json(await service.ListAsync(ApiActor.Require(http), campaignId, ct)))
            .WithName("ListMembers").Produces<MemberView[]>().ProducesProblem(StatusCodes.Status404NotFound);

        members.MapPost("/", async (Guid campaignId, HttpContext http, MemberService service, CancellationToken ct) =>
            {
                var input = await ReadAsync<MemberInput>(http, ct);
                var member = await service.AddAsync(ApiActor.Require(http), campaignId, input.Email ?? "", RoleOf(input), ct);
                return Created(http, $"/api/campaigns/{campaignId}/members/{member.UserId}", member, member.Revision);
            })
            .WithName("AddMember").WithSummary("Adds a user by email with a role (owner only).")
            .Accepts<MemberInput>("application/json").Produces<MemberView>(StatusCodes.Status201Created).ProducesValidationProblem();

        members.MapPatch("/{userId}", async (Guid campaignId, string userId, HttpContext http, MemberService service, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                var input = await ReadAsync<MemberInput>(http, ct);
                CheckIfMatch(http.Request, (await FindAsync(service, actor, campaignId, userId, ct)).Revision, "Member");
                var result = await service.ChangeRoleAsync(actor, campaignId, userId, RoleOf(input), ct);
                var member = await FindAsync(service, actor, campaignId, userId, ct);
                return Tagged(http, new { result.ChangedFields, member }, member.Revision);
            })
            .WithName("ChangeMemberRole").WithSummary("Changes a member's role (owner only).")
            .Accepts<MemberInput>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);

        members.MapDelete("/{userId}", async (Guid campaignId, string userId, HttpContext http, MemberService service, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                CheckIfMatch(http.Request, (await FindAsync(service, actor, campaignId, userId, ct)).Revision, "Member");
                await service.RemoveAsync(actor, campaignId, userId, ct);
                return Results.NoContent();
            })
            .WithName("RemoveMember").WithSummary("Removes a member (owner only); their live connections leave the campaign at once.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<MemberView> FindAsync(MemberService service, Actor actor, Guid campaignId, string userId, CancellationToken ct) =>
        (await service.ListAsync(actor, campaignId, ct)).FirstOrDefault(m => m.UserId == userId) ?? throw new NotFoundException("Member");

    private static CampaignRole RoleOf(MemberInput input) =>
        input.Role ?? throw new DomainValidationException("role", $"Role is required: one of {string.Join(", ", Enum.GetNames<CampaignRole>())}.");

    /// <summary>The body of member POST (email and role) and PATCH (role).</summary>
    public sealed record MemberInput(string? Email = null, CampaignRole? Role = null);
}
