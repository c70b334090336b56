using System.Text.Json;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;
using static CampaignManager.Web.Api.ApiHttp;

namespace CampaignManager.Web.Api;

/// <summary>
/// Typed variables of settlements and structures: <c>GET …/variables</c> (GM-only ones left out for players),
/// <c>PATCH …/variables</c> with <c>{ "key": value }</c> (null clears), <c>DELETE …/variables/{key}</c>.
/// The ETag is the owning settlement's or structure's revision.
/// </summary>
public static class VariableEndpoints
{
    public static void MapVariableEndpoints(this IEndpointRouteBuilder api)
    {
        var settlements = api.MapGroup("/settlements/{id:guid}/variables").WithTags("Variables");
        settlements.MapGet("/", async (Guid id, HttpContext http, SettlementService service, CancellationToken ct) =>
            {
                var view = await service.GetAsync(ApiActor.Require(http), id, ct);
                return Tagged(http, view.Variables, view.Revision);
            })
            .WithName("GetSettlementVariables").Produces<VariableView[]>();
        settlements.MapPatch("/", async (Guid id, HttpContext http, SettlementService service, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                await service.SetVariablesAsync(actor, id, await ReadValuesAsync(http, ct), IfMatchRevision(http.Request), ct);
                var view = await service.GetAsync(actor, id, ct);
                return Tagged(http, view.Variables, view.Revision);
            })
            .WithName("SetSettlementVariables").Accepts<Dictionary<string, string?>>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);
        settlements.MapDelete("/{key}", async (Guid id, string key, HttpContext http, SettlementService service, CancellationToken ct) =>
            {
                await service.SetVariablesAsync(ApiActor.Require(http), id, Cleared(key), IfMatchRevision(http.Request), ct);
                return Results.NoContent();
            })
            .WithName("ClearSettlementVariable");

        var structures = api.MapGroup("/structures/{id:guid}/variables").WithTags("Variables");
        structures.MapGet("/", async (Guid id, HttpContext http, StructureService service, CancellationToken ct) =>
            {
                var view = await service.GetAsync(ApiActor.Require(http), id, ct);
                return Tagged(http, view.Variables, view.Revision);
            })
            .WithName("GetStructureVariables").Produces<VariableView[]>();
        structures.MapPatch("/", async (Guid id, HttpContext http, StructureService service, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                await service.SetVariablesAsync(actor, id, await ReadValuesAsync(http, ct), IfMatchRevision(http.Request), ct);
                var view = await service.GetAsync(actor, id, ct);
                return Tagged(http, view.Variables, view.Revision);
            })
            .WithName("SetStructureVariables").Accepts<Dictionary<string, string?>>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);
        structures.MapDelete("/{key}", async (Guid id, string key, HttpContext http, StructureService service, CancellationToken ct) =>
            {
                await service.SetVariablesAsync(ApiActor.Require(http), id, Cleared(key), IfMatchRevision(http.Request), ct);
                return Results.NoContent();
            })
            .WithName("ClearStructureVariable");
    }

    private static Dictionary<string, string?> Cleared(string key) => new(StringComparer.Ordinal) { [key] = null };

    // Values travel as text to the domain, which checks them against the variable's schema.
    private static async Task<Dictionary<string, string?>> ReadValuesAsync(HttpContext http, CancellationToken ct)
    {
        var body = await ReadObjectAsync(http, ct);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => throw new DomainValidationException(property.Name, $"{property.Name} must be a string, a number, true, false or null."),
            };
        }

        return values;
    }
}
