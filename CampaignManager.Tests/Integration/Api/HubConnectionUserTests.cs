using System.Collections.Concurrent;
using System.Security.Claims;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web;
using CampaignManager.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>
/// What an open hub connection keeps of its user: only the claims the app reads, neither the parsed token nor a
/// saved copy of it (a connection holds its request's user and authentication result for as long as it is open,
/// so this is memory per connection).
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class HubConnectionUserTests(HubConnectionUserTests.Host host) : IClassFixture<HubConnectionUserTests.Host>
{
    public sealed class Host : AppHost
    {
        public Host()
        {
            Settings = ApiClients.Settings();
            TestServices = services => services.Configure<HubOptions>(o => o.AddFilter(Users));
        }

        public ConnectedUsers Users { get; } = new();
    }

    /// <summary>
    /// Records each connection's <see cref="HubCallerContext.User"/> as the hub sees it, and the access token its
    /// request's authentication result saved, if any.
    /// </summary>
    public sealed class ConnectedUsers : IHubFilter
    {
        public ConcurrentQueue<(ClaimsPrincipal? User, string? SavedToken)> Seen { get; } = new();

        public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
        {
            var http = context.Context.GetHttpContext();
            var saved = http is null ? null : await http.GetTokenAsync(ApiServiceCollectionExtensions.BearerScheme, "access_token");
            Seen.Enqueue((context.Context.User, saved));
            await next(context);
        }
    }

    [Theory]
    [InlineData(ApiClients.Player, false)]
    [InlineData("admin@example.com", true)]
    public async Task WhenAHubConnectionOpens_ThenItsUserHoldsOnlyTheClaimsTheAppReads_AndTheTokenIsNotKept(string email, bool isAdmin)
    {
        var ct = TestContext.Current.CancellationToken;
        var userId = await host.UserIdAsync(email);
        var before = host.Users.Seen.Count;

        await using var client = await host.HubClientAsync(email, ct);
        // The server runs OnConnectedAsync after the handshake, and a call only once it has finished.
        var call = await client.InvokeAsync("subscribe_campaign", ["not-an-id", null], ct);

        Assert.False(call.Success);
        var (user, savedToken) = host.Users.Seen.Skip(before).Single();
        Assert.NotNull(user);
        Assert.Null(savedToken);
        var expected = new List<string> { ClaimTypes.NameIdentifier, DisplayNameClaimsPrincipalFactory.DisplayNameClaim, JwtRegisteredClaimNames.Exp };
        if (isAdmin)
        {
            expected.Add(ClaimTypes.Role);
        }

        Assert.Equal(expected.Order(), user.Claims.Select(c => c.Type).Order());
        Assert.Equal(userId, user.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.True(long.Parse(user.FindFirstValue(JwtRegisteredClaimNames.Exp)!, System.Globalization.CultureInfo.InvariantCulture)
            > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(isAdmin, user.IsInRole(AccountsServiceCollectionExtensions.AdminRole));
        Assert.True(user.Identity?.IsAuthenticated);
        Assert.NotNull(user.Identity?.Name);
        Assert.All(user.Identities, identity => Assert.Null((identity as CaseSensitiveClaimsIdentity)?.SecurityToken));
    }
}
