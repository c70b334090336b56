// The C# client of docs/api.md, word for word (DocsClientExampleTests compares them and runs it).
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>Listens to one campaign's events on /hubs/campaign, losing nothing across reconnects.</summary>
public sealed class CampaignListener : IAsyncDisposable
{
    private static readonly string[] EventTypes =
        ["settlement_updated", "structure_updated", "entity_updated", "world_time_changed", "state_invalidated"];

    private readonly HttpClient _http;
    private readonly HubConnection _connection;
    private readonly Guid _campaignId;
    private Tokens? _tokens;
    private long? _lastSeen;

    public CampaignListener(Uri baseAddress, Guid campaignId, string email, string password)
    {
        _http = new HttpClient { BaseAddress = baseAddress };
        _campaignId = campaignId;
        _connection = new HubConnectionBuilder()
            // Asked on every (re)connect: the server closes a connection when its access token expires.
            .WithUrl(new Uri(baseAddress, "hubs/campaign"), options => options.AccessTokenProvider = () => AccessTokenAsync(email, password))
            .WithAutomaticReconnect()
            .Build();
        foreach (var type in EventTypes)
        {
            _connection.On<JsonElement>(type, envelope =>
            {
                _lastSeen = envelope.GetProperty("sequence").GetInt64();
                EventReceived?.Invoke(envelope);
            });
        }

        _connection.On<JsonElement>("subscription_ended", notice =>
            Console.WriteLine($"Left campaign: {notice.GetProperty("reason")} ({notice.GetProperty("message")})"));
        // A new connection has no subscriptions: subscribe again, from the last sequence seen.
        _connection.Reconnected += _ => SubscribeAsync();
    }

    /// <summary>Every event, in sequence order, each once.</summary>
    public event Action<JsonElement>? EventReceived;

    public async Task StartAsync(CancellationToken ct = default)
    {
        await _connection.StartAsync(ct);
        await SubscribeAsync();
    }

    private async Task SubscribeAsync()
    {
        var result = await _connection.InvokeAsync<SubscribeResult>("subscribe_campaign", _campaignId, _lastSeen);
        if (!result.Success)
        {
            throw new InvalidOperationException(result.Error);
        }

        if (result.Recovered == false)
        {
            Console.WriteLine("Too far behind: reload the campaign with GET /api/campaigns/{id}.");
        }

        _lastSeen = Math.Max(_lastSeen ?? 0, result.Sequence ?? 0);
    }

    // A refresh token while it lasts (each refresh hands out a new one); the password when it does not.
    private async Task<string?> AccessTokenAsync(string email, string password)
    {
        var current = _tokens;
        if (current is not null && current.ExpiresAt > DateTimeOffset.UtcNow.AddSeconds(30))
        {
            return current.AccessToken;
        }

        using var response = current is null
            ? await _http.PostAsJsonAsync("api/auth/token", new { email, password })
            : await _http.PostAsJsonAsync("api/auth/refresh", new { refreshToken = current.RefreshToken });
        if (!response.IsSuccessStatusCode && current is not null)
        {
            _tokens = null;
            return await AccessTokenAsync(email, password);
        }

        response.EnsureSuccessStatusCode();
        _tokens = await response.Content.ReadFromJsonAsync<Tokens>() ?? throw new InvalidOperationException("No tokens in the answer.");
        return _tokens.AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _http.Dispose();
    }

    private sealed record Tokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

    private sealed record SubscribeResult(bool Success, string? Error, long? Sequence, bool? Recovered);
}
