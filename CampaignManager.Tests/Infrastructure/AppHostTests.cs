using System.Net;
using CampaignManager.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampaignManager.Tests.Infrastructure;

[Trait(TestCategories.Trait, TestCategories.Integration)]
public class AppHostTests(AppHost host) : IClassFixture<AppHost>
{
    [Fact]
    public async Task WhenTheHomePageIsRequested_ThenKestrelServesTheBlazorPage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync("/", ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("blazor.web.js", html, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", host.BaseAddress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheBlazorScriptIsRequested_ThenStaticWebAssetsAreServed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync("/_framework/blazor.web.js", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("javascript", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheLoginPageIsRequested_ThenItIsServed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = host.CreateHttpClient();

        using var response = await client.GetAsync("/Account/Login", ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("type=\"password\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTwoHostsRunAtOnce_ThenEachListensOnItsOwnPort()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = AppHost.StartNew();
        await using var second = first.StartPeer();

        Assert.NotEqual(first.BaseUri.Port, second.BaseUri.Port);
        Assert.Equal(first.DatabasePath, second.DatabasePath);
        Assert.NotEqual(host.DatabasePath, first.DatabasePath);
        foreach (var instance in new[] { first, second })
        {
            using var client = instance.CreateHttpClient();
            using var response = await client.GetAsync("/Account/Login", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public void WhenSettingsArePassed_ThenTheAppSeesThemAndBothDatabaseKeysNameTheSameFile()
    {
        using var configured = new AppHost { Settings = new Dictionary<string, string?> { ["Realtime:ChannelPrefix"] = "smoke" } };
        configured.Start();
        var configuration = configured.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("smoke", configuration["Realtime:ChannelPrefix"]);
        Assert.Equal($"Data Source={configured.DatabasePath}", configuration.GetConnectionString("Database"));
        Assert.Equal(configuration.GetConnectionString("Database"), configuration.GetConnectionString("DefaultConnection"));
        Assert.Equal("true", configuration["Seed:Demo"]);
        Assert.Equal("", configuration.GetConnectionString("Redis"));
        Assert.Equal("Development", configured.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
    }
}
