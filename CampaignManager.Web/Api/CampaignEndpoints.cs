using CampaignManager.Domain.Campaigns;
using static CampaignManager.Web.Api.ApiHttp;

namespace CampaignManager.Web.Api;

/// <summary><c>/api/campaigns</c>: list, the whole visible tree, create, rename, delete.</summary>
public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/", async (HttpContext http, CampaignService service, CancellationToken ct) =>
                Json(await service.ListAsync(ApiActor.Require(http), ct)))
            .WithName("ListCampaigns").WithSummary("The campaigns the caller belongs to.").Produces<CampaignSummary[]>();

        campaigns.MapGet("/{id:guid}", async (Guid id, HttpContext http, CampaignService service, CancellationToken ct) =>
            {
                var view = await service.GetAsync(ApiActor.Require(http), id, ct);
                return Tagged(http, view, view.Revision);
            })
            .WithName("GetCampaign").WithSummary("The whole campaign tree as the caller may see it (GM-only parts left out for players).")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapPost("/", async (HttpContext http, CampaignService service, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                var input = await ReadAsync<CampaignInput>(http, ct);
                var id = await service.CreateAsync(actor, input.Name ?? "", input.Description, ct: ct);
                var view = await service.GetAsync(actor, id, ct);
                return Created(http, $"/api/campaigns/{id}", view, view.Revision);
            })
            .WithName("CreateCampaign").WithSummary("Creates a campaign owned by the caller.")
            .Accepts<CampaignInput>("application/json").Produces<CampaignView>(StatusCodes.Status201Created).ProducesValidationProblem();

        campaigns.MapPatch("/{id:guid}", async (Guid id, HttpContext http, CampaignService service, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                var input = await ReadAsync<CampaignInput>(http, ct);
                var result = await service.UpdateAsync(actor, id, new CampaignUpdate(input.Name, input.Description), IfMatchRevision(http.Request), ct);
                var view = await service.GetAsync(actor, id, ct);
                return Tagged(http, new { result.ChangedFields, campaign = view }, view.Revision);
            })
            .WithName("UpdateCampaign").WithSummary("Renames or re-describes the campaign (game masters). If-Match: the revision edited.")
            .Accepts<CampaignInput>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);

        campaigns.MapDelete("/{id:guid}", async (Guid id, HttpContext http, CampaignService service, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                CheckIfMatch(http.Request, (await service.GetAsync(actor, id, ct)).Revision, "Campaign");
                await service.DeleteAsync(actor, id, ct);
                return Results.NoContent();
            })
            .WithName("DeleteCampaign").WithSummary("Deletes the campaign (owner only).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    /// <summary>The body of campaign POST and PATCH; in a PATCH, a missing or null field stays as it is.</summary>
    public sealed record CampaignInput(string? Name = null, string? Description = null);
}
