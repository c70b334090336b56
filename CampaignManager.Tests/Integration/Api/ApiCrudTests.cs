using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignManager.Domain.Persistence;
using CampaignManager.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>REST create/read/update/delete of every resource, ETag/If-Match, problem details, privacy and the OpenAPI document.</summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class ApiCrudTests(ApiCrudTests.Host host) : IClassFixture<ApiCrudTests.Host>
{
    public sealed class Host : AppHost
    {
        public Host() => Settings = ApiClients.Settings();
    }

    [Fact]
    public async Task CampaignKingdomSettlementStructure_CreateReadUpdateDelete_WithETagsAndIfMatch()
    {
        var ct = TestContext.Current.CancellationToken;
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);

        var (campaign, campaignTag) = await CreateAsync(gm, "api/campaigns", new { name = "Crud campaign", description = "made by the API" }, ct);
        var campaignId = campaign.GetProperty("id").GetGuid();
        await AssertPreconditionFailedAsync(gm, HttpMethod.Patch, $"api/campaigns/{campaignId}", new { name = "Stale" }, campaignTag + 99, ct);
        var renamed = await SendAsync(gm, HttpMethod.Patch, $"api/campaigns/{campaignId}", new { name = "Crud campaign renamed" }, campaignTag, ct);
        Assert.Equal("Crud campaign renamed", renamed.GetProperty("campaign").GetProperty("name").GetString());

        var (kingdom, kingdomTag) = await CreateAsync(gm, $"api/campaigns/{campaignId}/kingdoms", new { name = "Crud kingdom", level = 1 }, ct);
        var kingdomId = kingdom.GetProperty("id").GetGuid();
        var patchedKingdom = await SendAsync(gm, HttpMethod.Patch, $"api/kingdoms/{kingdomId}", new { stability = 3 }, kingdomTag, ct);
        Assert.Equal(["stability"], patchedKingdom.GetProperty("changedFields").EnumerateArray().Select(e => e.GetString()));

        var (settlement, settlementTag) = await CreateAsync(gm, $"api/kingdoms/{kingdomId}/settlements", new { name = "Crud village", type = "Village" }, ct);
        var settlementId = settlement.GetProperty("id").GetGuid();
        Assert.Equal(settlementTag, await ETagOfGetAsync(gm, $"api/settlements/{settlementId}", ct));

        var (structure, structureTag) = await CreateAsync(gm, $"api/settlements/{settlementId}/structures", new { catalogueKey = "shrine", block = 1 }, ct);
        var structureId = structure.GetProperty("id").GetGuid();
        // Partial JSON: only the name changes.
        var patched = await SendAsync(gm, HttpMethod.Patch, $"api/structures/{structureId}", new { name = "Shrine of Erastil" }, structureTag, ct);
        Assert.Equal(["name"], patched.GetProperty("changedFields").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("shrine", patched.GetProperty("structure").GetProperty("catalogueKey").GetString());
        await AssertPreconditionFailedAsync(gm, HttpMethod.Patch, $"api/structures/{structureId}", new { name = "Stale" }, structureTag, ct);

        await AssertPreconditionFailedAsync(gm, HttpMethod.Delete, $"api/structures/{structureId}", null, structureTag, ct);
        foreach (var path in new[] { $"api/structures/{structureId}", $"api/settlements/{settlementId}", $"api/kingdoms/{kingdomId}", $"api/campaigns/{campaignId}" })
        {
            using var deleted = await gm.DeleteAsync(path, ct);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            using var gone = await gm.GetAsync(path, ct);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Members_AddChangeRoleRemove_OwnerOnly_WithProblemDetails()
    {
        var ct = TestContext.Current.CancellationToken;
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);
        using var player = await host.BearerClientAsync(ApiClients.Player, ct);
        var (campaign, _) = await CreateAsync(gm, "api/campaigns", new { name = "Members campaign" }, ct);
        var members = $"api/campaigns/{campaign.GetProperty("id").GetGuid()}/members";

        var (added, _) = await CreateAsync(gm, members, new { email = ApiClients.Player, role = "Player" }, ct);
        var userId = added.GetProperty("userId").GetString();
        using var twice = await gm.PostAsJsonAsync(members, new { email = ApiClients.Player, role = "Player" }, ct);
        await AssertValidationProblemAsync(twice, "email", ct);
        using var badRole = await gm.PostAsJsonAsync(members, new { email = "tamsin@example.com", role = "Emperor" }, ct);
        await AssertValidationProblemAsync(badRole, "role", ct);
        using var byPlayer = await player.PatchAsJsonAsync($"{members}/{userId}", new { role = "GameMaster" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, byPlayer.StatusCode);
        Assert.Equal("application/problem+json", byPlayer.Content.Headers.ContentType?.MediaType);

        var promoted = await SendAsync(gm, HttpMethod.Patch, $"{members}/{userId}", new { role = "GameMaster" }, null, ct);
        Assert.Equal("GameMaster", promoted.GetProperty("member").GetProperty("role").GetString());
        using var removed = await gm.DeleteAsync($"{members}/{userId}", ct);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var list = await gm.GetFromJsonAsync<JsonElement>(members, ct);
        Assert.DoesNotContain(list.EnumerateArray(), m => m.GetProperty("userId").GetString() == userId);
    }

    [Fact]
    public async Task VariablesAndWorldTime_PlayersNeverSeeGameMasterOnlyValues_AndIfMatchGuardsTheClock()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);
        using var player = await host.BearerClientAsync(ApiClients.Player, ct);
        var tavern = await TavernIdAsync(ct);

        var asGm = await gm.GetStringAsync($"api/structures/{tavern}/variables", ct);
        var asPlayer = await player.GetStringAsync($"api/structures/{tavern}/variables", ct);
        var treeAsPlayer = await player.GetStringAsync($"api/campaigns/{ids.CampaignId}", ct);
        Assert.Contains("secretTunnel", asGm, StringComparison.Ordinal);
        Assert.DoesNotContain("secretTunnel", asPlayer, StringComparison.Ordinal);
        Assert.DoesNotContain("secretTunnel", treeAsPlayer, StringComparison.Ordinal);

        var tag = await ETagOfGetAsync(gm, $"api/structures/{tavern}/variables", ct);
        var set = await SendAsync(gm, HttpMethod.Patch, $"api/structures/{tavern}/variables", new { rooms = 7, ale = "Goose Stout" }, tag, ct);
        Assert.Contains(set.EnumerateArray(), v => v.GetProperty("value").GetString() == "7");
        using var invalid = await gm.PatchAsJsonAsync($"api/structures/{tavern}/variables", new { rooms = 999 }, ct);
        await AssertValidationProblemAsync(invalid, "variables.rooms", ct);
        await AssertPreconditionFailedAsync(gm, HttpMethod.Patch, $"api/structures/{tavern}/variables", new { rooms = 8 }, tag, ct);

        var clock = await ETagOfGetAsync(gm, $"api/campaigns/{ids.CampaignId}/world-time", ct);
        await AssertPreconditionFailedAsync(gm, HttpMethod.Post, $"api/campaigns/{ids.CampaignId}/world-time/advance", new { seconds = 60 }, clock + 1, ct);
        var advanced = await SendAsync(gm, HttpMethod.Post, $"api/campaigns/{ids.CampaignId}/world-time/advance", new { seconds = -60 }, clock, ct);
        Assert.Equal(clock - 60, advanced.GetProperty("newWorldTime").GetInt64());
    }

    [Fact]
    public async Task Errors_AreProblemDetails_ForMissingTokens_UnknownPaths_BadJson_AndUnknownFields()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        using var anonymous = host.CreateHttpClient();
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);

        using var unauthorized = await anonymous.GetAsync($"api/settlements/{ids.Tallowford}", ct);
        using var unknownPath = await gm.GetAsync("api/dragons", ct);
        using var badJson = await gm.PatchAsync($"api/structures/{ids.GreywaterInn}", new StringContent("{not json", new MediaTypeHeaderValue("application/json")), ct);
        using var unknownField = await gm.PatchAsJsonAsync($"api/structures/{ids.GreywaterInn}", new { colour = "red" }, ct);
        using var wrongType = await gm.PatchAsJsonAsync($"api/structures/{ids.GreywaterInn}", new { level = "high" }, ct);
        using var badIfMatch = await SendRawAsync(gm, HttpMethod.Patch, $"api/structures/{ids.GreywaterInn}", new { name = "x" }, "W/\"abc\"", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPath.StatusCode);
        Assert.Equal("application/problem+json", unknownPath.Content.Headers.ContentType?.MediaType);
        await AssertValidationProblemAsync(badJson, "body", ct);
        await AssertValidationProblemAsync(unknownField, "colour", ct);
        await AssertValidationProblemAsync(wrongType, "level", ct);
        await AssertValidationProblemAsync(badIfMatch, "If-Match", ct);
    }

    [Fact]
    public async Task TheOpenApiDocument_ListsTheEndpoints_AndDescribesTheBearerScheme()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = host.CreateHttpClient();

        var document = await http.GetFromJsonAsync<JsonElement>("openapi/v1.json", ct);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
        {
            "/api/auth/token", "/api/auth/refresh", "/api/auth/revoke", "/api/campaigns", "/api/campaigns/{id}",
            "/api/campaigns/{campaignId}/members", "/api/campaigns/{campaignId}/members/{userId}", "/api/campaigns/{campaignId}/kingdoms",
            "/api/kingdoms/{id}", "/api/kingdoms/{kingdomId}/settlements", "/api/settlements/{id}", "/api/settlements/{settlementId}/structures",
            "/api/structures/{id}", "/api/settlements/{id}/variables", "/api/structures/{id}/variables",
            "/api/campaigns/{id}/world-time", "/api/campaigns/{id}/world-time/advance",
        })
        {
            Assert.Contains(path, paths);
        }

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
    }

    private async Task<Guid> TavernIdAsync(CancellationToken ct)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<CampaignDbContext>>().CreateDbContextAsync(ct);
        return await db.Structures.AsNoTracking().Where(s => s.Name == "Popular Tavern").Select(s => s.Id).SingleAsync(ct);
    }

    private static async Task<(JsonElement Body, long ETag)> CreateAsync(HttpClient http, string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ct));
        Assert.NotNull(response.Headers.Location);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct), ETagOf(response));
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object body, long? ifMatch, CancellationToken ct)
    {
        using var response = await SendRawAsync(http, method, path, body, ifMatch is { } tag ? $"\"{tag}\"" : null, ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private static async Task<HttpResponseMessage> SendRawAsync(HttpClient http, HttpMethod method, string path, object? body, string? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await http.SendAsync(request, ct);
    }

    private static async Task AssertPreconditionFailedAsync(HttpClient http, HttpMethod method, string path, object? body, long staleTag, CancellationToken ct)
    {
        using var response = await SendRawAsync(http, method, path, body, $"\"{staleTag}\"", ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task AssertValidationProblemAsync(HttpResponseMessage response, string field, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    private static async Task<long> ETagOfGetAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        response.EnsureSuccessStatusCode();
        return ETagOf(response);
    }

    private static long ETagOf(HttpResponseMessage response) =>
        long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
}
