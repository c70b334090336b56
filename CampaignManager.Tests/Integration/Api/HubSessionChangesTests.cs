using System.Net;
using CampaignManager.Tests.Integration.Realtime;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Data;
using CampaignManager.Web.Hubs;
using CampaignManager.Web.Realtime.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>
/// Session changes made on one instance reach the user's hub connections on the other through the user channel:
/// "sign out everywhere" closes them and the old token no longer connects; one browser sign-in ending does not.
/// </summary>
[Collection(RedisCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class HubSessionChangesTests(TwoAppInstances apps) : IClassFixture<TwoAppInstances>
{
    private const string Email = "spectator@example.com";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WhenTheUserSignsOutEverywhereOnOneInstance_ThenTheirHubConnectionsOnTheOtherClose_AndTheOldTokenIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await apps.First.DemoIdsAsync(ct);
        var token = await apps.Second.TokenAsync(Email, ct);
        await using var client = new HubClient(apps.Second.BaseAddress + "/hubs/campaign", token);
        await client.Connection.StartAsync(ct);
        await using var someoneElse = await apps.Second.HubClientAsync(ApiClients.Player, ct);
        Assert.True((await client.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
        var userId = await apps.First.UserIdAsync(Email);

        // One browser sign-in of the user ends: API tokens are sign-ins of their own and stay.
        await PublishAsync(UserSessionMessage.SignedOut(userId, "a-browser-sign-in"), ct);
        await Task.Delay(1500, ct);
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);

        await using (var scope = apps.First.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(userId))!);
        }

        await PublishAsync(UserSessionMessage.SignedOutEverywhere(userId), ct);

        await client.Closed.Task.WaitAsync(Bound, ct);
        var closing = Assert.Single(client.Notices, n => n.Method == HubClientMethods.ConnectionClosing);
        Assert.Equal(HubCloseReasons.SignedOut, closing.Body.GetProperty("reason").GetString());
        Assert.Equal(HubConnectionState.Connected, someoneElse.Connection.State);
        // The other instance may hold the old stamp for its short cache period; after it the token is refused.
        await Poll.UntilAsync(async () =>
        {
            await using var attempt = new HubClient(apps.Second.BaseAddress + "/hubs/campaign", token);
            try
            {
                await attempt.Connection.StartAsync(ct);
                return false;
            }
            catch (Exception e) when (IsRefused(e))
            {
                return true;
            }
        }, TimeSpan.FromSeconds(30), "the old token is refused", ct);
    }

    /// <summary>
    /// The server answered 401 everywhere it was asked: at the negotiation (an <see cref="HttpRequestException"/>),
    /// or, when the stamp cache ran out between the negotiation and the transports, at every transport (an
    /// <see cref="AggregateException"/> of WebSocket, server-sent events and long-polling failures, each a 401).
    /// </summary>
    private static bool IsRefused(Exception e) => e switch
    {
        HttpRequestException http => http.StatusCode == HttpStatusCode.Unauthorized,
        System.Net.WebSockets.WebSocketException socket => socket.Message.Contains("'401'", StringComparison.Ordinal),
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsRefused),
        _ => e.InnerException is { } inner && IsRefused(inner),
    };

    private async Task PublishAsync(UserSessionMessage message, CancellationToken ct) =>
        await apps.First.Services.GetRequiredService<UserSessionEvents>().PublishAsync(message, ct);
}
