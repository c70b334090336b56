using System.Globalization;
using System.Net;
using System.Text.Json;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Startup;

namespace CampaignManager.Tests.Integration.Startup;

/// <summary>
/// What a load balancer and the several-instances script rely on: <c>/health</c> and <c>/health/ready</c>, and one
/// Data Protection key directory for every instance (<c>DataProtection:KeysDirectory</c>).
/// </summary>
[Collection(RedisCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.Integration)]
public sealed class InstanceEndpointsTests(RedisServerFixture redis)
{
    [Fact]
    public async Task WhenRedisIsUp_ThenTheInstanceIsAliveAndReadyWithEveryCheckHealthy()
    {
        await using var host = AppHost.StartNew(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString });
        using var client = host.CreateHttpClient();

        var (aliveStatus, alive) = await GetAsync(client, HealthEndpoints.AlivePath);
        var (readyStatus, ready) = await GetAsync(client, HealthEndpoints.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, aliveStatus);
        Assert.Equal("Healthy", alive.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("redis").GetString());
    }

    [Fact]
    public async Task WhenRedisIsUnreachable_ThenTheInstanceIsAliveButNotReadyAndSaysWhyWithoutDetails()
    {
        var nothingListens = $"127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        await using var host = AppHost.StartNew(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = nothingListens });
        using var client = host.CreateHttpClient();

        var (aliveStatus, _) = await GetAsync(client, HealthEndpoints.AlivePath);
        var (readyStatus, ready) = await GetAsync(client, HealthEndpoints.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, aliveStatus);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("Unhealthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("Unhealthy", ready.GetProperty("checks").GetProperty("redis").GetString());
        Assert.DoesNotContain(nothingListens, ready.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenAKeysDirectoryIsConfigured_ThenTheKeysTheInstanceProtectsCookiesWithAreThere()
    {
        var keys = Directory.CreateTempSubdirectory("cm-keys-");
        try
        {
            await using var host = AppHost.StartNew(new Dictionary<string, string?> { [SharedKeysStartup.KeysDirectoryKey] = keys.FullName });
            using var client = host.CreateHttpClient();

            // The sign-in form sets an antiforgery cookie: the first thing protected with the key ring.
            using var response = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(keys.GetFiles("key-*.xml"));
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }
}
