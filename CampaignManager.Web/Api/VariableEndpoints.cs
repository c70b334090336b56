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
        MapVariables(api, "settlements", "Settlement",
            async (services, actor, id, ct) =>
            {
                var view = await services.GetRequiredService<SettlementService>().GetAsync(actor, id, ct);
                return (view.Variables, view.Revision);
            },
            (services, actor, id, values, revision, ct) => services.GetRequiredService<SettlementService>().SetVariablesAsync(actor, id, values, revision, ct));
        MapVariables(api, "structures", "Structure",
            async (services, actor, id, ct) =>
            {
                var view = await services.GetRequiredService<StructureService>().GetAsync(actor, id, ct);
                return (view.Variables, view.Revision);
            },
            (services, actor, id, values, revision, ct) => services.GetRequiredService<StructureService>().SetVariablesAsync(actor, id, values, revision, ct));
    }

    // Settlements and structures hold variables the same way; only the service differs.
    private static void MapVariables(IEndpointRouteBuilder api, string collection, string owner, ReadVariables read, WriteVariables write)
    {
        var variables = api.MapGroup($"/{collection}/{{id:guid}}/variables").WithTags("Variables");
        variables.MapGet("/", async (Guid id, HttpContext http, CancellationToken ct) =>
            {
                var (values, revision) = await read(http.RequestServices, ApiActor.Require(http), id, ct);
                return Tagged(http, values, revision);
            })
            .WithName($"Get{owner}Variables").Produces<VariableView[]>();
        variables.MapPatch("/", async (Guid id, HttpContext http, CancellationToken ct) =>
            {
                var actor = ApiActor.Require(http);
                await write(http.RequestServices, actor, id, await ReadValuesAsync(http, ct), IfMatchRevision(http.Request), ct);
                var (values, revision) = await read(http.RequestServices, actor, id, ct);
                return Tagged(http, values, revision);
            })
            .WithName($"Set{owner}Variables").Accepts<Dictionary<string, string?>>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed);
        variables.MapDelete("/{key}", async (Guid id, string key, HttpContext http, CancellationToken ct) =>
            {
                await write(http.RequestServices, ApiActor.Require(http), id, Cleared(key), IfMatchRevision(http.Request), ct);
                return Results.NoContent();
            })
            .WithName($"Clear{owner}Variable");
    }

    private delegate Task<(IReadOnlyList<VariableView> Values, long Revision)> ReadVariables(IServiceProvider services, Actor actor, Guid id, CancellationToken ct);

    private delegate Task WriteVariables(IServiceProvider services, Actor actor, Guid id, IReadOnlyDictionary<string, string?> values, long? revision, CancellationToken ct);

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
