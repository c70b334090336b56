using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CampaignManager.Tests.Integration.Realtime;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Startup;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>docs/api.md's C# client is this project's <see cref="CampaignListener"/>, and it works across two instances.</summary>
[Collection(RedisCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class DocsClientExampleTests(TwoAppInstances apps) : IClassFixture<TwoAppInstances>
{
    [Fact]
    public void TheDocsClientExample_IsTheTestedCode()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../.."));
        while (!File.Exists(Path.Combine(root, "CampaignManager.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The solution folder was not found.");
        }

        var docs = File.ReadAllText(Path.Combine(root, "docs", "api.md"));
        var code = File.ReadAllText(Path.Combine(root, "CampaignManager.Tests", "Integration", "Api", "CampaignListener.cs"));

        Assert.Contains(Normalize(code), Normalize(docs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDocsClient_GetsARestChangeMadeOnTheOtherInstance()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await apps.First.DemoIdsAsync(ct);
        var received = new ConcurrentQueue<JsonElement>();
        await using var listener = new CampaignListener(apps.Second.BaseUri, ids.CampaignId, ApiClients.Player, DatabaseInitializer.DemoPassword);
        listener.EventReceived += received.Enqueue;
        await listener.StartAsync(ct);
        using var gm = await apps.First.BearerClientAsync(ApiClients.Gm, ct);
        var name = $"Tallowford {Guid.NewGuid():N}"[..20];

        using var response = await gm.PatchSettlementAsync(ids.Tallowford, new { name }, null, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Poll.UntilAsync(() => received.Any(e => e.ToString().Contains(name, StringComparison.Ordinal)), TimeSpan.FromSeconds(20),
            "the listener on the other instance got the change", ct);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
