using System.Globalization;
using CampaignManager.Benchmarks.Servers;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// The baseline: the bare SignalR hub on SignalR's Redis backplane (<see cref="BareHubServer"/>). Every
/// client is in one group; each write is <c>POST /publish</c> on the first instance, a group broadcast
/// of a payload as large as the app's envelope.
/// </summary>
internal sealed class BareTarget(ServerProcess[] servers, string campaignId, Func<int> envelopeBytes) : HubTarget("baseline", servers), IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(servers[0].BaseAddress + "/"), Timeout = TimeSpan.FromSeconds(60) };

    public override string CampaignId { get; } = campaignId;

    public override IReadOnlyList<string> Audiences { get; } = ["Everyone"];

    public override string HubUrl(int instance) => Servers[instance].BaseAddress + BareHubServer.HubPath;

    public override (string Audience, string? Token) Credentials(int client) => ("Everyone", null);

    public override async Task CommitAsync(CancellationToken ct)
    {
        var bytes = envelopeBytes().ToString(CultureInfo.InvariantCulture);
        using var response = await _http.PostAsync($"publish?campaign={CampaignId}&bytes={bytes}", null, ct);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
