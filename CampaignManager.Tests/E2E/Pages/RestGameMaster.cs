using CampaignManager.Tests.Integration.Api;
using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.E2E.Pages;

/// <summary>
/// Another user's changes for browser tests to watch: the game master through the REST API, signed
/// in before the timed part of a test.
/// </summary>
internal sealed class RestGameMaster(HttpClient client, Guid tallowford) : IDisposable
{
    public static async Task<RestGameMaster> SignInAsync(AppHost host)
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        return new RestGameMaster(await host.BearerClientAsync(ApiClients.Gm, ct), ids.Tallowford);
    }

    public async Task RenameTallowfordAsync(string newName)
    {
        using var renamed = await client.PatchSettlementAsync(tallowford, new { name = newName }, ifMatch: null, TestContext.Current.CancellationToken);
        renamed.EnsureSuccessStatusCode();
    }

    public void Dispose() => client.Dispose();
}
