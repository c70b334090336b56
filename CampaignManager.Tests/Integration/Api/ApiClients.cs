using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Demo;
using CampaignManager.Domain.Persistence;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Api;
using CampaignManager.Web.Data;
using CampaignManager.Web.Hubs;
using CampaignManager.Web.Startup;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>What API tests need of a host: tokens, bearer clients, hub connections and the demo's ids.</summary>
public static class ApiClients
{
    public const string Gm = "gm@example.com";
    public const string Player = "oskar@example.com";
    public const string Outsider = "outsider@example.com";

    /// <summary>Settings for an API test host: a generous token rate limit, so tests are not throttled by each other.</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Jwt:TokenRequestsPerMinute"] = "1000" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<string> TokenAsync(this AppHost host, string email, CancellationToken ct) =>
        (await host.SignInAsync(email, ct)).AccessToken;

    /// <summary><c>POST /api/auth/token</c> with the demo password.</summary>
    public static async Task<TokenResponse> SignInAsync(this AppHost host, string email, CancellationToken ct)
    {
        using var http = host.CreateHttpClient();
        using var response = await http.PostAsJsonAsync("api/auth/token", new { email, password = DatabaseInitializer.DemoPassword }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(ct))!;
    }

    /// <summary><c>POST /api/auth/refresh</c>: the new tokens, or null with the refusal's status.</summary>
    public static async Task<(TokenResponse? Tokens, HttpStatusCode Status)> RefreshAsync(this AppHost host, string refreshToken, CancellationToken ct)
    {
        using var http = host.CreateHttpClient();
        using var response = await http.PostAsJsonAsync("api/auth/refresh", new { refreshToken }, ct);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<TokenResponse>(ct), response.StatusCode)
            : (null, response.StatusCode);
    }

    public static HttpClient BearerClient(this AppHost host, string accessToken)
    {
        var http = host.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    public static async Task<HttpClient> BearerClientAsync(this AppHost host, string email, CancellationToken ct)
    {
        var token = await host.TokenAsync(email, ct);
        return host.BearerClient(token);
    }

    public static async Task<HubClient> HubClientAsync(this AppHost host, string email, CancellationToken ct)
    {
        var token = await host.TokenAsync(email, ct);
        var client = new HubClient(host.BaseAddress + "/hubs/campaign", token);
        await client.Connection.StartAsync(ct);
        return client;
    }

    public static async Task<string> UserIdAsync(this AppHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.FindByEmailAsync(email))?.Id ?? throw new InvalidOperationException($"No user {email}.");
    }

    /// <summary>The demo user as a domain actor (source "api"), for arranging changes through the domain services.</summary>
    public static async Task<Actor> ActorAsync(this AppHost host, string email) =>
        new(await host.UserIdAsync(email), email, Source: "api");

    public static async Task<DemoIds> DemoIdsAsync(this AppHost host, CancellationToken ct)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<CampaignDbContext>>().CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Name == DemoCampaign.Name, ct);
        var settlements = await db.Settlements.AsNoTracking().Where(s => s.Kingdom.CampaignId == campaign.Id)
            .Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var greywater = settlements.Single(s => s.Name == "Greywater Landing").Id;
        var inn = await db.Structures.AsNoTracking().Where(s => s.SettlementId == greywater).Select(s => s.Id).SingleAsync(ct);
        return new DemoIds(campaign.Id, settlements.Single(s => s.Name.StartsWith("Tallowford", StringComparison.Ordinal)).Id, greywater, inn);
    }

    public static async Task<long> RevisionAsync(this HttpClient http, Guid settlementId, CancellationToken ct)
    {
        // The settlement's current revision, from a no-op PATCH's ETag.
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"api/settlements/{settlementId}") { Content = JsonContent.Create(new { }) };
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Changes the settlement's population to a value it does not have, so the PATCH always raises an event
    /// (a PATCH to the current value is a no-op, and a test waiting for its event would time out).
    /// It moves between two neighbouring values, so repeated calls stay in range.
    /// </summary>
    public static async Task<int> ChangePopulationAsync(this HttpClient http, Guid settlementId, CancellationToken ct)
    {
        var current = await http.GetFromJsonAsync<JsonElement>($"api/settlements/{settlementId}", ct);
        var population = current.GetProperty("population").GetInt32();
        var next = population % 2 == 0 ? population + 1 : population - 1;
        using var response = await http.PatchSettlementAsync(settlementId, new { population = next }, null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return next;
    }

    public static async Task<HttpResponseMessage> PatchSettlementAsync(this HttpClient http, Guid settlementId, object body, long? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"api/settlements/{settlementId}") { Content = JsonContent.Create(body) };
        if (ifMatch is { } revision)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision}\""));
        }

        return await http.SendAsync(request, ct);
    }
}

public sealed record DemoIds(Guid CampaignId, Guid Tallowford, Guid Greywater, Guid GreywaterInn);

/// <summary>A SignalR client of <c>/hubs/campaign</c> that records every event it receives.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private static readonly string[] EventTypes = ["settlement_updated", "structure_updated", "entity_updated", "world_time_changed", "state_invalidated"];

    public HubClient(string url, string token)
    {
        Connection = new HubConnectionBuilder()
            .WithUrl(url, options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        foreach (var type in EventTypes)
        {
            Connection.On<JsonElement>(type, envelope => Events.Enqueue(envelope));
        }

        foreach (var notice in new[] { HubClientMethods.SubscriptionEnded, HubClientMethods.ConnectionClosing })
        {
            Connection.On<JsonElement>(notice, body => Notices.Enqueue((notice, body)));
        }

        Connection.Closed += _ =>
        {
            Closed.TrySetResult();
            return Task.CompletedTask;
        };
    }

    /// <summary><c>subscription_ended</c> and <c>connection_closing</c>, with their argument.</summary>
    public ConcurrentQueue<(string Method, JsonElement Body)> Notices { get; } = new();

    /// <summary>Completes when the connection closes (the server closed it, or it failed).</summary>
    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubConnection Connection { get; }

    public ConcurrentQueue<JsonElement> Events { get; } = new();

    public IReadOnlyList<JsonElement> Of(string type) => [.. Events.Where(e => e.GetProperty("type").GetString() == type)];

    public Task<SubscribeResult> InvokeAsync(string method, object?[] args, CancellationToken ct) =>
        Connection.InvokeCoreAsync<SubscribeResult>(method, args, ct);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
