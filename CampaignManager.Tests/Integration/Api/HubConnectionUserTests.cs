using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
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
/// saved copy of it, nor the token in its request's header or query (a connection holds its request, user and
/// authentication result for as long as it is open, so this is memory per connection, and a credential in memory).
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
    /// Records each connection's <see cref="HubCallerContext.User"/> as the hub sees it, the access token its
    /// request's authentication result saved, if any, and what its request still holds of the token once the hub's
    /// <c>OnConnectedAsync</c> has run: the request line, the <c>Authorization</c> header and the query.
    /// </summary>
    public sealed class ConnectedUsers : IHubFilter
    {
        public ConcurrentQueue<(ClaimsPrincipal? User, string? SavedToken)> Seen { get; } = new();

        public ConcurrentQueue<string> RequestsAfterConnect { get; } = new();

        public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
        {
            var http = context.Context.GetHttpContext();
            var saved = http is null ? null : await http.GetTokenAsync(ApiServiceCollectionExtensions.BearerScheme, "access_token");
            Seen.Enqueue((context.Context.User, saved));
            await next(context);
            var request = http?.Request;
            var requestLine = http?.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
            RequestsAfterConnect.Enqueue($"{requestLine} | {request?.Path}{request?.QueryString} | {request?.Headers.Authorization} | " +
                string.Join(",", request?.Query.Select(q => $"{q.Key}={q.Value}") ?? []));
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

    [Fact]
    public async Task WhenAHubConnectionOpensWithTheTokenInItsHeader_ThenItsRequestNoLongerHoldsTheToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await host.TokenAsync(ApiClients.Player, ct);
        var before = host.Users.RequestsAfterConnect.Count;

        await using var client = new HubClient(host.BaseAddress + "/hubs/campaign", token);
        await client.Connection.StartAsync(ct);
        var call = await client.InvokeAsync("subscribe_campaign", ["not-an-id", null], ct);

        Assert.False(call.Success);
        var request = host.Users.RequestsAfterConnect.Skip(before).Single();
        // Not Assert.DoesNotContain: its failure message would print the token.
        Assert.False(request.Contains(token, StringComparison.Ordinal), "The request still holds the token.");
        Assert.False(request.Contains("Bearer", StringComparison.Ordinal), "The request still holds an Authorization header.");
    }

    [Fact]
    public async Task WhenAHubConnectionOpensWithTheTokenInItsQuery_AsBrowsersSendIt_ThenItsRequestNoLongerHoldsTheToken_AndItWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await host.TokenAsync(ApiClients.Player, ct);
        var before = host.Users.RequestsAfterConnect.Count;
        var url = new Uri(host.BaseAddress.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/campaign?keep=1&access_token=" + token);

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, ct);
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}", ct);
        Assert.Equal("{}", await ReceiveAsync(socket, ct));
        await SendAsync(socket, "{\"type\":1,\"invocationId\":\"1\",\"target\":\"subscribe_campaign\",\"arguments\":[\"not-an-id\",null]}", ct);
        var completion = await ReceiveAsync(socket, ct);

        // The connection works after its token is dropped: the call is answered (not found), not refused.
        Assert.Contains("\"invocationId\":\"1\"", completion, StringComparison.Ordinal);
        Assert.Contains("\"success\":false", completion, StringComparison.Ordinal);
        var request = host.Users.RequestsAfterConnect.Skip(before).Single();
        Assert.False(request.Contains(token, StringComparison.Ordinal), "The request still holds the token.");
        Assert.False(request.Contains("access_token", StringComparison.Ordinal), "The request's query still has access_token.");
        Assert.Contains("keep=1", request, StringComparison.Ordinal); // the rest of the query stays
    }

    private static async Task SendAsync(ClientWebSocket socket, string json, CancellationToken ct) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(json + "\u001e"), WebSocketMessageType.Text, endOfMessage: true, ct);

    /// <summary>The next message other than a ping (type 6), without its record separator.</summary>
    private static async Task<string> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            foreach (var message in Encoding.UTF8.GetString(buffer, 0, length).Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!message.Contains("\"type\":6", StringComparison.Ordinal))
                {
                    return message;
                }
            }
        }
    }
}
