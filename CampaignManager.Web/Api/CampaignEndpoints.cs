using System.Text.Json;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.WorldTime;
using Microsoft.Net.Http.Headers;

namespace CampaignManager.Web.Api;

/// <summary>The REST slice: campaigns, one settlement edit and world time, through the same domain services as the UI.</summary>
public static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/campaigns", async (HttpContext http, CampaignService campaigns, CancellationToken ct) =>
            Json(await campaigns.ListAsync(ApiActor.Require(http), ct)));

        api.MapGet("/campaigns/{id:guid}", async (Guid id, HttpContext http, CampaignService campaigns, CancellationToken ct) =>
        {
            var view = await campaigns.GetAsync(ApiActor.Require(http), id, ct);
            http.Response.Headers.ETag = ETag(view.Revision);
            return Json(view);
        });

        api.MapPatch("/settlements/{id:guid}", PatchSettlementAsync);

        api.MapPost("/campaigns/{id:guid}/world-time/advance", async (Guid id, HttpContext http, WorldTimeService worldTime, CancellationToken ct) =>
        {
            var body = await ReadObjectAsync(http, ct);
            var seconds = Field(body, "seconds", e => e.GetInt64(), "a whole number of seconds")
                ?? throw new DomainValidationException("seconds", "Seconds is required.");
            var change = await worldTime.AdvanceAsync(ApiActor.Require(http), id, seconds, ct: ct);
            return Json(new { change.PreviousWorldTime, change.NewWorldTime, change.ElapsedSeconds, change.KingdomTurnsDue });
        });
    }

    private static async Task<IResult> PatchSettlementAsync(Guid id, HttpContext http, SettlementService settlements, CancellationToken ct)
    {
        var actor = ApiActor.Require(http);
        var expectedRevision = IfMatchRevision(http.Request);
        var body = await ReadObjectAsync(http, ct);
        var known = new HashSet<string>(StringComparer.Ordinal) { "name", "type", "level", "population", "occupiedBlocks", "isCapital", "visibility" };
        var unknown = body.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainValidationException(unknown.ToDictionary(n => n, n => new[] { $"'{n}' cannot be changed here." }));
        }

        var update = new SettlementUpdate(
            Name: Field(body, "name", e => e.GetString(), "a string"),
            Type: Field(body, "type", e => Enum.Parse<SettlementType>(e.GetString()!, ignoreCase: true), $"one of {string.Join(", ", Enum.GetNames<SettlementType>())}"),
            Level: Field(body, "level", e => e.GetInt32(), "a whole number"),
            Population: Field(body, "population", e => e.GetInt32(), "a whole number"),
            OccupiedBlocks: Field(body, "occupiedBlocks", e => e.GetInt32(), "a whole number"),
            IsCapital: Field(body, "isCapital", e => e.GetBoolean(), "true or false"),
            Visibility: Field(body, "visibility", e => Enum.Parse<Visibility>(e.GetString()!, ignoreCase: true), "Everyone or GameMasters"));
        var result = await settlements.UpdateAsync(actor, id, update, expectedRevision, ct);
        var view = await settlements.GetAsync(actor, id, ct);
        http.Response.Headers.ETag = ETag(view.Revision);
        return Json(new { result.ChangedFields, settlement = view });
    }

    private static IResult Json(object value) => Results.Json(value, CampaignEventJson.Options);

    private static string ETag(long revision) => $"\"{revision}\"";

    /// <summary>The revision of <c>If-Match: "7"</c> (a weak tag is accepted too); null without the header.</summary>
    private static long? IfMatchRevision(HttpRequest request)
    {
        if (request.Headers.IfMatch.Count == 0)
        {
            return null;
        }

        if (EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags) && tags.Count == 1
            && long.TryParse(tags[0].Tag.AsSpan().Trim('"'), out var revision))
        {
            return revision;
        }

        throw new DomainValidationException("If-Match", "If-Match must hold one revision, e.g. \"7\".");
    }

    private static async Task<JsonElement> ReadObjectAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new DomainValidationException("body", "The body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new DomainValidationException("body", "The body is not valid JSON.");
        }
    }

    private static T? Field<T>(JsonElement body, string name, Func<JsonElement, T> read, string expected)
        where T : struct => Present(body, name) is { } e ? Read(e, name, read, expected) : null;

    private static string? Field(JsonElement body, string name, Func<JsonElement, string?> read, string expected) =>
        Present(body, name) is { } e ? (e.ValueKind == JsonValueKind.String ? read(e) : throw Invalid(name, expected)) : null;

    private static JsonElement? Present(JsonElement body, string name) =>
        body.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? e : null;

    private static T Read<T>(JsonElement e, string name, Func<JsonElement, T> read, string expected)
    {
        try
        {
            return read(e);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw Invalid(name, expected);
        }
    }

    private static DomainValidationException Invalid(string name, string expected) => new(name, $"{name} must be {expected}.");
}
