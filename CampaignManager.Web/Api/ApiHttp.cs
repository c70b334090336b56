using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using Microsoft.Net.Http.Headers;

namespace CampaignManager.Web.Api;

/// <summary>
/// What every <c>/api</c> endpoint does the same way: JSON out (the event contract's options), ETags from
/// revisions, <c>If-Match</c> in, and request bodies read strictly into validation problems instead of 500s.
/// </summary>
public static class ApiHttp
{
    /// <summary>Bodies: camelCase, enums as strings, and an unknown field is an error rather than silently dropped.</summary>
    public static JsonSerializerOptions BodyOptions { get; } = new(CampaignEventJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static IResult Json(object value) => Results.Json(value, CampaignEventJson.Options);

    /// <summary>200 with the resource and its ETag.</summary>
    public static IResult Tagged(HttpContext http, object value, long revision)
    {
        http.Response.Headers.ETag = ETag(revision);
        return Json(value);
    }

    /// <summary>201 with Location, ETag and the new resource.</summary>
    public static IResult Created(HttpContext http, string location, object value, long revision)
    {
        http.Response.Headers.ETag = ETag(revision);
        http.Response.Headers.Location = location;
        return Results.Json(value, CampaignEventJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public static string ETag(long revision) => $"\"{revision}\"";

    /// <summary>The revision of <c>If-Match: "7"</c> (a weak tag is accepted too); null without the header.</summary>
    public static long? IfMatchRevision(HttpRequest request)
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

    /// <summary>412 when <c>If-Match</c> names another revision than <paramref name="current"/> (for commands without their own check).</summary>
    public static void CheckIfMatch(HttpRequest request, long current, string entityName)
    {
        if (IfMatchRevision(request) is { } expected && expected != current)
        {
            throw new ConcurrencyConflictException(entityName);
        }
    }

    public static async Task<JsonElement> ReadObjectAsync(HttpContext http, CancellationToken ct)
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

    /// <summary>Reads the body into <typeparamref name="T"/>; a wrong type or an unknown field is a 400 naming the field.</summary>
    public static async Task<T> ReadAsync<T>(HttpContext http, CancellationToken ct)
    {
        var body = await ReadObjectAsync(http, ct);
        var known = typeof(T).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.Ordinal);
        var unknown = body.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainValidationException(unknown.ToDictionary(n => n, n => new[] { $"'{n}' is not a field of this resource." }));
        }

        try
        {
            return body.Deserialize<T>(BodyOptions) ?? throw new DomainValidationException("body", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..].Split('.', '[')[0] : "body";
            throw new DomainValidationException(field, $"'{field}' has the wrong type or an unknown value.");
        }
    }

    public static T? Field<T>(JsonElement body, string name, Func<JsonElement, T> read, string expected)
        where T : struct => Present(body, name) is { } e ? Read(e, name, read, expected) : null;

    public static string? Field(JsonElement body, string name, string expected) =>
        Present(body, name) is { } e ? (e.ValueKind == JsonValueKind.String ? e.GetString() : throw Invalid(name, expected)) : null;

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
