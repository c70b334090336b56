using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>The REST slice through the domain services: visibility, If-Match, validation, access.</summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class ApiRestTests(ApiRestTests.Host host) : IClassFixture<ApiRestTests.Host>
{
    public sealed class Host : AppHost
    {
        public Host() => Settings = ApiClients.Settings();
    }

    [Fact]
    public async Task WhenAPlayerGetsTheCampaign_ThenTheGameMastersSettlementIsNotInIt_ButTheGameMasterSeesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        using var player = await host.BearerClientAsync(ApiClients.Player, ct);
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);

        var asPlayer = await player.GetStringAsync($"api/campaigns/{ids.CampaignId}", ct);
        var asGm = await gm.GetStringAsync($"api/campaigns/{ids.CampaignId}", ct);

        Assert.DoesNotContain("Greywater", asPlayer, StringComparison.Ordinal);
        Assert.Contains("Tallowford", asPlayer, StringComparison.Ordinal);
        Assert.Contains("Greywater", asGm, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(asPlayer);
        Assert.Equal(ids.CampaignId, json.RootElement.GetProperty("id").GetGuid());
        Assert.True(json.RootElement.TryGetProperty("kingdoms", out _), "camelCase JSON");
    }

    [Fact]
    public async Task WhenAPatchCarriesTheCurrentRevision_ThenItApplies_AndAStaleIfMatchAfterwardsIs412()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);
        var revision = await gm.RevisionAsync(ids.Tallowford, ct);
        var name = $"Tallowford {Guid.NewGuid():N}"[..20];

        using var applied = await gm.PatchSettlementAsync(ids.Tallowford, new { name, population = 321 }, revision, ct);
        using var stale = await gm.PatchSettlementAsync(ids.Tallowford, new { name = "Stale" }, revision, ct);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var body = await applied.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(name, body.GetProperty("settlement").GetProperty("name").GetString());
        Assert.Equal(["name", "population"], body.GetProperty("changedFields").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.NotEqual($"\"{revision}\"", applied.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(99)]
    [InlineData("high")]
    public async Task WhenTheLevelIsInvalid_Then400ValidationProblem_NamingTheField(object level)
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);

        using var response = await gm.PatchSettlementAsync(ids.Tallowford, new { level }, null, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("level", out var errors), problem.ToString());
        Assert.NotEmpty(errors.EnumerateArray());
    }

    [Fact]
    public async Task WhenAnOutsiderAsks_ThenTheCampaignAndItsSettlementAreNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        using var outsider = await host.BearerClientAsync(ApiClients.Outsider, ct);

        using var get = await outsider.GetAsync($"api/campaigns/{ids.CampaignId}", ct);
        using var patch = await outsider.PatchSettlementAsync(ids.Tallowford, new { name = "Mine" }, null, ct);
        var list = await outsider.GetFromJsonAsync<JsonElement>("api/campaigns", ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Empty(list.EnumerateArray());
    }

    [Fact]
    public async Task WhenTheGameMasterAdvancesWorldTime_ThenItMoves_AndAPlayerMayNot()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);
        using var player = await host.BearerClientAsync(ApiClients.Player, ct);

        using var advanced = await gm.PostAsJsonAsync($"api/campaigns/{ids.CampaignId}/world-time/advance", new { seconds = 3600 }, ct);
        using var refused = await player.PostAsJsonAsync($"api/campaigns/{ids.CampaignId}/world-time/advance", new { seconds = 3600 }, ct);

        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        var change = await advanced.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(3600, change.GetProperty("newWorldTime").GetInt64() - change.GetProperty("previousWorldTime").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
