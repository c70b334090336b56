using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Startup;
using Microsoft.AspNetCore.Hosting;

namespace CampaignManager.Tests.Integration.Api;

/// <summary><c>POST /api/auth/token</c> and bearer authentication on a real host.</summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class ApiTokenTests(ApiTokenTests.Host host) : IClassFixture<ApiTokenTests.Host>
{
    public sealed class Host : AppHost
    {
        public Host() => Settings = ApiClients.Settings();
    }

    [Fact]
    public async Task WhenThePasswordIsRight_ThenTheTokenOpensTheCampaignList()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = host.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("api/auth/token", new { email = ApiClients.Gm, password = DatabaseInitializer.DemoPassword }, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        var campaigns = await http.GetStringAsync("api/campaigns", ct);
        Assert.Contains("The Vellmark Charter", campaigns, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiClients.Player, "wrong password")]
    [InlineData("nobody@example.com", "Vellmark!2026")]
    public async Task WhenTheCredentialsAreWrong_Then401ProblemDetails_ThatDoNotSayWhichPartWasWrong(string email, string password)
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = host.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("api/auth/token", new { email, password }, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("The email or password is not correct.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WhenNoTokenOrABadToken_ThenTheApiAnswers401()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = host.CreateHttpClient();

        using var none = await http.GetAsync("api/campaigns", ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
        using var bad = await http.GetAsync("api/campaigns", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
    }

    [Fact]
    public async Task WhenTooManyTokenRequestsComeFromOneAddress_Then429ProblemDetails()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var limited = AppHost.StartNew(ApiClients.Settings(("Jwt:TokenRequestsPerMinute", "2")));
        using var http = limited.CreateHttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsJsonAsync("api/auth/token", new { email = ApiClients.Outsider, password = "wrong" }, ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void WhenNoSigningKeyIsSetOutsideDevelopment_ThenStartUpFailsWithAClearMessage()
    {
        using var production = new ProductionHost();

        var error = Assert.ThrowsAny<Exception>(() => production.Start());

        Assert.Contains("Jwt:SigningKey is not set", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    private sealed class ProductionHost : AppHost
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
