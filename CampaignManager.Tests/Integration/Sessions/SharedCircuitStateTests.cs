using System.Net;
using CampaignManager.Tests.Integration.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Data;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.Startup;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignManager.Tests.Integration.Sessions;

/// <summary>With Redis configured, any instance can take over a user: shared Data Protection keys, circuit state through HybridCache on Redis.</summary>
[Collection(RedisCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class SharedCircuitStateTests(TwoAppInstances apps, RedisServerFixture redis) : IClassFixture<TwoAppInstances>
{
    private const string AuthCookie = ".AspNetCore.Identity.Application";

    [Fact]
    public async Task WhenInstanceOneIssuesTheSignInCookie_ThenInstanceTwoAcceptsIt_AndTheKeyRingIsInRedis()
    {
        var ct = TestContext.Current.CancellationToken;
        var cookie = await IssueCookieAsync(apps.First, "gm@example.com");

        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(apps.Second, cookie, ct)).StatusCode);
        // Control: a cookie the key ring cannot read is sent to sign in.
        var forged = await GetWithCookieAsync(apps.Second, cookie[..^8] + "AAAAAAAA", ct);
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);

        var keyRing = SharedCircuitState.KeyRingKey(Prefix);
        Assert.True(int.Parse(await redis.ExecuteAsync(["LLEN", keyRing], ct) ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0,
            $"No Data Protection key under {keyRing}.");
        var keysOf = (AppHost host) => host.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).Order().ToList();
        Assert.Equal(keysOf(apps.First), keysOf(apps.Second));
    }

    [Fact]
    public async Task WhenCircuitStateIsCachedOnOneInstance_ThenTheOtherReadsIt_ThroughTheHybridCacheBlazorPersistsCircuitsIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var cacheOf = (AppHost host) => host.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.HybridPersistenceCache
            ?? throw new InvalidOperationException("Blazor has no HybridCache for persisted circuits.");

        var key = $"test:{Guid.NewGuid():N}";
        await cacheOf(apps.First).SetAsync(key, "persisted on the first instance", cancellationToken: ct);
        var read = await cacheOf(apps.Second).GetOrCreateAsync(key, _ => ValueTask.FromResult("missing"), cancellationToken: ct);

        Assert.Equal("persisted on the first instance", read);
    }

    private string Prefix => apps.First.Services.GetRequiredService<IOptions<RedisNotifierOptions>>().Value.ChannelPrefix;

    // The cookie a sign-in on that instance writes: the user's principal, protected by that instance's cookie format.
    private static async Task<string> IssueCookieAsync(AppHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var user = await signIn.UserManager.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) },
            IdentityConstants.ApplicationScheme);
        var options = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        return options.TicketDataFormat.Protect(ticket);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(AppHost host, string cookie, CancellationToken ct)
    {
        var jar = new CookieContainer();
        jar.Add(host.BaseUri, new Cookie(AuthCookie, cookie));
        using var client = host.CreateHttpClient(jar);
        return await client.GetAsync("Account/Manage", ct);
    }
}
