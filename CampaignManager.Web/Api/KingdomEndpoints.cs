using CampaignManager.Domain.Kingdoms;
using static CampaignManager.Web.Api.ApiHttp;

namespace CampaignManager.Web.Api;

/// <summary><c>/api/kingdoms</c> and <c>/api/campaigns/{id}/kingdoms</c>.</summary>
public static class KingdomEndpoints
{
    public static void MapKingdomEndpoints(this IEndpointRouteBuilder api)
    {
        var kingdoms = api.MapGroup("/kingdoms").WithTags("Kingdoms");
        kingdoms.MapGet("/{id:guid}", async (Guid id, HttpContext http, KingdomService service, CancellationToken ct) =>
            {
                var view = await service.GetAsync(ApiActor.Require(http), id, ct);
                return Tagged(http, view, view.Revision);
            })
            .WithName("GetKingdom").Produces<KingdomView>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/campaigns/{campaignId:guid}/kingdoms", async (Guid campaignId, HttpContext http, KingdomService service, CancellationToken ct) =>
            {
                var input = await ReadAsync<KingdomInput>(http, ct);
                var view = await service.CreateAsync(ApiActor.Require(http), campaignId, input, ct);
                return Created(http, $"/api/kingdoms/{view.Id}", view, view.Revision);
            })
            .WithTags("Kingdoms").WithName("CreateKingdom").WithSummary("Founds a kingdom in the campaign (game masters).")
            .Accepts<KingdomInput>("application/json").Produces<KingdomView>(StatusCodes.Status201Created).ProducesValidationProblem();

        kingdoms.MapPatch("/{id:guid}", async (Guid id, HttpContext http, KingdomService service, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                var update = await ReadAsync<KingdomUpdate>(http, ct);
                var result = await service.UpdateAsync(actor, id, update, IfMatchRevision(http.Request), ct);
                var view = await service.GetAsync(actor, id, ct);
                return Tagged(http, new { result.ChangedFields, kingdom = view }, view.Revision);
            })
            .WithName("UpdateKingdom").WithSummary("Partial update: fields left out stay as they are. If-Match: the revision edited.")
            .Accepts<KingdomUpdate>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);

        kingdoms.MapDelete("/{id:guid}", async (Guid id, HttpContext http, KingdomService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(ApiActor.Require(http), id, IfMatchRevision(http.Request), ct);
                return Results.NoContent();
            })
            .WithName("DeleteKingdom").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }
}
