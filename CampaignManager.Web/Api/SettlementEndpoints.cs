using CampaignManager.Domain.Common;
using CampaignManager.Domain.Settlements;
using static CampaignManager.Web.Api.ApiHttp;

namespace CampaignManager.Web.Api;

/// <summary><c>/api/settlements</c> and <c>/api/kingdoms/{id}/settlements</c>; PATCH takes partial JSON.</summary>
public static class SettlementEndpoints
{
    private static readonly HashSet<string> Patchable = new(StringComparer.Ordinal)
        { "name", "type", "level", "population", "occupiedBlocks", "isCapital", "visibility" };

    public static void MapSettlementEndpoints(this IEndpointRouteBuilder api)
    {
        var settlements = api.MapGroup("/settlements").WithTags("Settlements");
        settlements.MapGet("/{id:guid}", async (Guid id, HttpContext http, SettlementService service, CancellationToken ct) =>
            {
                var view = await service.GetAsync(ApiActor.Require(http), id, ct);
                return Tagged(http, view, view.Revision);
            })
            .WithName("GetSettlement").Produces<SettlementView>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/kingdoms/{kingdomId:guid}/settlements", async (Guid kingdomId, HttpContext http, SettlementService service, CancellationToken ct) =>
            {
                var input = await ReadAsync<SettlementInput>(http, ct);
                var view = await service.CreateAsync(ApiActor.Require(http), kingdomId, input, ct);
                return Created(http, $"/api/settlements/{view.Id}", view, view.Revision);
            })
            .WithTags("Settlements").WithName("CreateSettlement")
            .Accepts<SettlementInput>("application/json").Produces<SettlementView>(StatusCodes.Status201Created).ProducesValidationProblem();

        settlements.MapPatch("/{id:guid}", PatchAsync)
            .WithName("UpdateSettlement").WithSummary("Partial JSON: only the fields sent change. If-Match: the revision edited (412 when stale).")
            .Accepts<SettlementUpdate>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);

        settlements.MapDelete("/{id:guid}", async (Guid id, HttpContext http, SettlementService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(ApiActor.Require(http), id, IfMatchRevision(http.Request), ct);
                return Results.NoContent();
            })
            .WithName("DeleteSettlement").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<IResult> PatchAsync(Guid id, HttpContext http, SettlementService settlements, CancellationToken ct)
    {
        var actor = ApiActor.Require(http);
        var expectedRevision = IfMatchRevision(http.Request);
        var body = await ReadObjectAsync(http, ct);
        var unknown = body.EnumerateObject().Select(p => p.Name).Where(n => !Patchable.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainValidationException(unknown.ToDictionary(n => n, n => new[] { $"'{n}' cannot be changed here." }));
        }

        var update = new SettlementUpdate(
            Name: Field(body, "name", "a string"),
            Type: Field(body, "type", e => Enum.Parse<SettlementType>(e.GetString()!, ignoreCase: true), $"one of {string.Join(", ", Enum.GetNames<SettlementType>())}"),
            Level: Field(body, "level", e => e.GetInt32(), "a whole number"),
            Population: Field(body, "population", e => e.GetInt32(), "a whole number"),
            OccupiedBlocks: Field(body, "occupiedBlocks", e => e.GetInt32(), "a whole number"),
            IsCapital: Field(body, "isCapital", e => e.GetBoolean(), "true or false"),
            Visibility: Field(body, "visibility", e => Enum.Parse<Visibility>(e.GetString()!, ignoreCase: true), "Everyone or GameMasters"));
        var (result, view) = await settlements.UpdateAndReadAsync(actor, id, update, expectedRevision, ct);
        return Tagged(http, new { result.ChangedFields, settlement = view }, view.Revision);
    }
}
