using System.Net;
using System.Net.Http.Json;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>Refresh-token rotation with reuse detection, revocation, security-stamp revocation, and no token in any log.</summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class ApiRefreshTokenTests(ApiRefreshTokenTests.Host host) : IClassFixture<ApiRefreshTokenTests.Host>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>Logs everything, at every level, into <see cref="Log"/>; the stamp cache lasts one second.</summary>
    public sealed class Host : AppHost
    {
        public Host() => Settings = ApiClients.Settings(
            ("Jwt:SecurityStampCacheSeconds", "1"),
            ("Logging:LogLevel:Default", "Trace"),
            ("Logging:LogLevel:Microsoft", "Trace"),
            ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
            ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace"));

        public CapturedLog Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
        }
    }

    [Fact]
    public async Task WhenARefreshTokenIsUsed_ThenItRotates_AndReusingTheOldOneRevokesTheWholeSignIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await host.SignInAsync("tamsin@example.com", ct);

        var (second, status) = await host.RefreshAsync(first.RefreshToken, ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(second);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        using (var api = host.BearerClient(second.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("api/campaigns", ct)).StatusCode);
        }

        // The used token again: refused, and the family is revoked, so the token handed out for it dies too.
        var (reused, reusedStatus) = await host.RefreshAsync(first.RefreshToken, ct);
        var (afterTheft, afterTheftStatus) = await host.RefreshAsync(second.RefreshToken, ct);

        Assert.Null(reused);
        Assert.Equal(HttpStatusCode.Unauthorized, reusedStatus);
        Assert.Null(afterTheft);
        Assert.Equal(HttpStatusCode.Unauthorized, afterTheftStatus);
        // Another sign-in of the same user is a family of its own and still works.
        var other = await host.SignInAsync("tamsin@example.com", ct);
        Assert.Equal(HttpStatusCode.OK, (await host.RefreshAsync(other.RefreshToken, ct)).Status);
    }

    [Fact]
    public async Task WhenARefreshTokenIsRevoked_ThenItNoLongerRefreshes_AndOnlyItsHashIsStored()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokens = await host.SignInAsync("idris@example.com", ct);
        using var http = host.CreateHttpClient();

        using var revoked = await http.PostAsJsonAsync("api/auth/revoke", new { refreshToken = tokens.RefreshToken }, ct);
        using var unknown = await http.PostAsJsonAsync("api/auth/revoke", new { refreshToken = "not-a-token" }, ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(tokens.RefreshToken, ct)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync("", ct)).Status);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var rows = await db.RefreshTokens.AsNoTracking().ToListAsync(ct);
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, r => r.TokenHash == tokens.RefreshToken);
        Assert.Contains(rows, r => r.TokenHash == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tokens.RefreshToken))));
    }

    [Fact]
    public async Task WhenTheSecurityStampChanges_ThenItsAccessTokensAreRefusedOnRestAndHub_AndItsRefreshTokensDie()
    {
        var ct = TestContext.Current.CancellationToken;
        const string email = "spectator@example.com";
        var tokens = await host.SignInAsync(email, ct);
        using var api = host.BearerClient(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("api/campaigns", ct)).StatusCode);

        // What a password change or "sign out everywhere" does.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!);
        }

        // The stamp is cached for a second on purpose; wait for the refusal, not a fixed time.
        await Poll.UntilAsync(async () => (await api.GetAsync("api/campaigns", ct)).StatusCode == HttpStatusCode.Unauthorized,
            Bound, "the old access token is refused", ct);
        var hub = new HubClient(host.BaseAddress + "/hubs/campaign", tokens.AccessToken);
        await using (hub)
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.Connection.StartAsync(ct));
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(tokens.RefreshToken, ct)).Status);
        var fresh = await host.SignInAsync(email, ct);
        using var again = host.BearerClient(fresh.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("api/campaigns", ct)).StatusCode);
    }

    [Fact]
    public async Task WhenTokensTravelInBodiesHeadersAndTheHubQuery_ThenNoLogLineContainsThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var tokens = await host.SignInAsync(ApiClients.Player, ct);
        var (rotated, _) = await host.RefreshAsync(tokens.RefreshToken, ct);
        using (var api = host.BearerClient(rotated!.AccessToken))
        {
            await api.GetAsync("api/campaigns", ct);
            await api.GetAsync("api/campaigns?access_token=" + rotated.AccessToken, ct);
        }

        // The browser way: the token in the query string of the hub's URL.
        using var http = host.CreateHttpClient();
        using var negotiate = await http.PostAsync($"hubs/campaign/negotiate?negotiateVersion=1&access_token={rotated.AccessToken}", null, ct);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        using var bad = await http.PostAsync("hubs/campaign/negotiate?negotiateVersion=1&access_token=" + tokens.AccessToken[..^4] + "AAAA", null, ct);

        var lines = host.Log.Lines;
        Assert.NotEmpty(lines);
        string[] secrets = [tokens.AccessToken, tokens.AccessToken[..^4], tokens.RefreshToken, rotated.AccessToken, rotated.RefreshToken, tokens.AccessToken.Split('.')[2]];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
