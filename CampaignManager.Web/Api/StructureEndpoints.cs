using CampaignManager.Domain.Structures;
using static CampaignManager.Web.Api.ApiHttp;

namespace CampaignManager.Web.Api;

/// <summary><c>/api/structures</c> and <c>/api/settlements/{id}/structures</c>; PATCH takes partial JSON.</summary>
public static class StructureEndpoints
{
    public static void MapStructureEndpoints(this IEndpointRouteBuilder api)
    {
        var structures = api.MapGroup("/structures").WithTags("Structures");
        structures.MapGet("/{id:guid}", async (Guid id, HttpContext http, StructureService service, CancellationToken ct) =>
            {
                var view = await service.GetAsync(ApiActor.Require(http), id, ct);
                return Tagged(http, view, view.Revision);
            })
            .WithName("GetStructure").Produces<StructureView>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/settlements/{settlementId:guid}/structures", async (Guid settlementId, HttpContext http, StructureService service, CancellationToken ct) =>
            {
                var input = await ReadAsync<StructureInput>(http, ct);
                var view = await service.CreateAsync(ApiActor.Require(http), settlementId, input, ct);
                return Created(http, $"/api/structures/{view.Id}", view, view.Revision);
            })
            .WithTags("Structures").WithName("CreateStructure").WithSummary("Builds a structure from the catalogue (catalogueKey).")
            .Accepts<StructureInput>("application/json").Produces<StructureView>(StatusCodes.Status201Created).ProducesValidationProblem();

        structures.MapPatch("/{id:guid}", async (Guid id, HttpContext http, StructureService service, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                var update = await ReadAsync<StructureUpdate>(http, ct);
                var result = await service.UpdateAsync(actor, id, update, IfMatchRevision(http.Request), ct);
                var view = await service.GetAsync(actor, id, ct);
                return Tagged(http, new { result.ChangedFields, structure = view }, view.Revision);
            })
            .WithName("UpdateStructure").WithSummary("Partial JSON: only the fields sent change. If-Match: the revision edited (412 when stale).")
            .Accepts<StructureUpdate>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);

        structures.MapDelete("/{id:guid}", async (Guid id, HttpContext http, StructureService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(ApiActor.Require(http), id, IfMatchRevision(http.Request), ct);
                return Results.NoContent();
            })
            .WithName("DeleteStructure").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }
}
