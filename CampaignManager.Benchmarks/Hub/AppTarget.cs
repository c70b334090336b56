using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignManager.Benchmarks.Servers;
using CampaignManager.Web.Startup;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// The real app: clients on <c>/hubs/campaign</c> with a token of a demo user (the game master's stream
/// for Mara, the players' for Oskar, Tamsin and Idris, in turn), events from renaming Tallowford
/// through <c>PATCH /api/settlements/{id}</c> with <c>If-Match</c> on the first instance, as the game master.
/// </summary>
internal sealed class AppTarget : HubTarget, IDisposable
{
    private const string SettlementName = "Tallowford";
    private static readonly string[] Names = ["Tallowford Crossing", SettlementName];
    private static readonly (string Email, string Audience)[] Users =
        [("gm@example.com", "GameMasters"), ("oskar@example.com", "Everyone"), ("tamsin@example.com", "Everyone"), ("idris@example.com", "Everyone")];

    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _tokens = [];
    private string _campaignId = "";
    private string _settlementId = "";
    private long _revision;
    private int _writes;

    private AppTarget(ServerProcess[] servers)
        : base("app", servers)
    {
        _http = new HttpClient { BaseAddress = new Uri(servers[0].BaseAddress + "/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public override string CampaignId => _campaignId;

    public override IReadOnlyList<string> Audiences { get; } = ["GameMasters", "Everyone"];

    /// <summary>Signs the demo users in (one token each, valid on both instances) and finds Tallowford.</summary>
    public static async Task<AppTarget> CreateAsync(ServerProcess[] servers, CancellationToken ct)
    {
        var target = new AppTarget(servers);
        foreach (var (email, _) in Users)
        {
            target._tokens[email] = await TokenAsync(target._http, email, ct);
        }

        await target.LocateAsync(ct);
        return target;
    }

    public static async Task<string> TokenAsync(HttpClient http, string email, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/auth/token", new { email, password = DatabaseInitializer.DemoPassword }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkSetupException($"POST /api/auth/token for {email} answered {(int)response.StatusCode}.");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return body.GetProperty("accessToken").GetString()!;
    }

    public override object?[] SubscribeArguments => [CampaignId, null];

    public override string HubUrl(int instance) => Servers[instance].BaseAddress + "/hubs/campaign";

    public override (string Audience, string? Token) Credentials(int client)
    {
        var (email, audience) = Users[client / 2 % Users.Length];
        return (audience, _tokens[email]);
    }

    public override async Task CommitAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"api/settlements/{_settlementId}")
        {
            Content = JsonContent.Create(new { name = Names[_writes++ % Names.Length] }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[Users[0].Email]);
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{_revision}\""));
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.OK || response.Headers.ETag is not { } etag)
        {
            throw new InvalidOperationException($"PATCH /api/settlements/{_settlementId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        _revision = long.Parse(etag.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _http.Dispose();

    private async Task LocateAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/campaigns");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[Users[0].Email]);
        using var list = await _http.SendAsync(request, ct);
        var campaigns = await list.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
        foreach (var campaign in campaigns.EnumerateArray())
        {
            var id = campaign.GetProperty("id").GetString()!;
            using var get = new HttpRequestMessage(HttpMethod.Get, $"api/campaigns/{id}");
            get.Headers.Authorization = request.Headers.Authorization;
            using var detail = await _http.SendAsync(get, ct);
            var tree = await detail.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
            foreach (var settlement in tree.GetProperty("kingdoms").EnumerateArray().SelectMany(k => k.GetProperty("settlements").EnumerateArray()))
            {
                if (settlement.GetProperty("name").GetString() == SettlementName)
                {
                    _campaignId = id;
                    _settlementId = settlement.GetProperty("id").GetString()!;
                    _revision = settlement.GetProperty("revision").GetInt64();
                    return;
                }
            }
        }

        throw new BenchmarkSetupException($"The demo settlement {SettlementName} was not found through GET /api/campaigns.");
    }
}
