using System.Net;
using CampaignManager.Domain.Common;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.Realtime.Sessions;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Integration.Api;

/// <summary>The hub when the notifier is slow to listen to a campaign (Redis slow), or missed events while it was not live.</summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class CampaignHubSlowNotifierTests(CampaignHubSlowNotifierTests.Host host) : IClassFixture<CampaignHubSlowNotifierTests.Host>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    public sealed class Host : AppHost
    {
        public Host()
        {
            Settings = ApiClients.Settings();
            TestServices = services => services.AddSingleton<ICampaignNotifier>(Notifier);
        }

        public ControllableNotifier Notifier { get; } = new();
    }

    [Fact]
    public async Task WhenTheNotifierListensOnlyAfterTheSubscribeAnswered_ThenWhatCommittedMeanwhileStillArrivesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        await using var player = await host.HubClientAsync(ApiClients.Player, ct);
        host.Notifier.HoldSubscriptions();
        // The hub stops waiting for the notifier (5 s) and answers.
        Assert.True((await player.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);

        using var patched = await gm.PatchSettlementAsync(ids.Tallowford, new { population = 321 }, null, ct); // Published while nobody listens.
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        host.Notifier.ReleaseSubscriptions();

        await Poll.UntilAsync(() => player.Of("settlement_updated").Count >= 1, Bound, "the change committed before the notifier listened arrived", ct);
        await Task.Delay(500, ct);
        var received = Assert.Single(player.Of("settlement_updated"));
        Assert.Equal(321, received.GetProperty("payload").GetProperty("settlement").GetProperty("population").GetInt32());
    }

    [Fact]
    public async Task WhenEventsWerePublishedWhileTheNotifierWasNotLive_ThenTheConnectionGetsThemWhenItIsLiveAgain_WithoutWaitingForANextEvent()
    {
        // Another instance published while this one had lost Redis: only the log has the event, and no later
        // event comes to reveal the gap.
        var ct = TestContext.Current.CancellationToken;
        var ids = await host.DemoIdsAsync(ct);
        await using var player = await host.HubClientAsync(ApiClients.Player, ct);
        Assert.True((await player.InvokeAsync("subscribe_campaign", [ids.CampaignId.ToString(), null], ct)).Success);
        using var gm = await host.BearerClientAsync(ApiClients.Gm, ct);
        var publishedBefore = host.Notifier.Published.Count;
        host.Notifier.GoOffline();
        try
        {
            using var patched = await gm.PatchSettlementAsync(ids.Tallowford, new { population = 654 }, null, ct);
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
            // The command's events (it may make several) may be published after the answer: they must all be
            // lost, not merely late, or a later one reveals the gap and the test proves nothing.
            await Poll.UntilAsync(async () =>
            {
                var published = host.Notifier.Published.Count;
                await Task.Delay(300, ct);
                return published == host.Notifier.Published.Count
                    && host.Notifier.Published.Skip(publishedBefore).Any(m => m.Audience == Visibility.Everyone);
            }, Bound, "the command's events were handed to the notifier while it was not live", ct);
        }
        finally
        {
            host.Notifier.GoOnline();
        }

        await Poll.UntilAsync(() => player.Of("settlement_updated").Any(IsPopulation654), Bound,
            "the change published while the notifier was not live arrived", ct);
        await Task.Delay(500, ct);
        Assert.Single(player.Of("settlement_updated"), IsPopulation654);

        static bool IsPopulation654(System.Text.Json.JsonElement e) =>
            e.GetProperty("payload").GetProperty("settlement").GetProperty("population").GetInt32() == 654;
    }
}
