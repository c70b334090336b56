using System.Security.Claims;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Benchmarks;

/// <summary>
/// What the circuit benchmark puts on an app instance, wherever the instance runs (in the driver's
/// process, or in one of its own: <see cref="CircuitInstanceCommand"/>): the app's settings, the store
/// probe, the sessions with their recorders, and the router probes.
/// </summary>
internal static class CircuitSessions
{
    /// <summary>Demo users the sessions sign in as, in turn: the owner (game masters' stream) and three players.</summary>
    public static readonly string[] Users = ["gm@example.com", "oskar@example.com", "tamsin@example.com", "idris@example.com"];

    /// <summary>One probe per circuit scope, as store middleware (added after the app's own services).</summary>
    public static void AddStoreProbe(IServiceCollection services)
    {
        services.AddScoped<StoreProbe>();
        services.AddScoped<IMiddleware>(sp => sp.GetRequiredService<StoreProbe>());
    }

    /// <summary>
    /// A recorder per session of the run: sessions alternate between the instances, and each instance
    /// gets every user in turn. <paramref name="instance"/> keeps one instance's only (null: all).
    /// </summary>
    public static List<SessionRecorder> Recorders(int sessions, int? instance, EventRegistry registry)
    {
        var recorders = new List<SessionRecorder>(sessions);
        for (var i = 0; i < sessions; i++)
        {
            if (instance is null || i % 2 == instance)
            {
                recorders.Add(new SessionRecorder(i, i % 2, Users[i / 2 % Users.Length], registry));
            }
        }

        return recorders;
    }

    /// <summary>
    /// Opens a session per recorder in a DI scope of its instance (<paramref name="servicesOf"/>), signed in as
    /// its user, 8 at a time, and waits until every store holds the campaign. Returns them in recorder order.
    /// </summary>
    public static async Task<OpenSession[]> OpenAsync(IReadOnlyList<SessionRecorder> recorders, Func<SessionRecorder, IServiceProvider> servicesOf,
        IReadOnlyDictionary<string, (string Id, string DisplayName)> users, Guid campaignId, Action opened, CancellationToken ct)
    {
        var sessions = new OpenSession[recorders.Count];
        var principals = users.ToDictionary(u => u.Key, u => new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, u.Value.Id),
                new Claim(ClaimTypes.Name, u.Key),
                new Claim(DisplayNameClaimsPrincipalFactory.DisplayNameClaim, u.Value.DisplayName),
            ],
            authenticationType: "Benchmark")));
        await Parallel.ForEachAsync(Enumerable.Range(0, recorders.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (position, token) =>
        {
            var recorder = recorders[position];
            var scope = servicesOf(recorder).CreateAsyncScope();
            sessions[position] = new OpenSession(scope, recorder);
            var services = scope.ServiceProvider;
            // What the circuit's authentication does for a signed-in user.
            var authentication = (IHostEnvironmentAuthenticationStateProvider)services.GetRequiredService<AuthenticationStateProvider>();
            authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principals[recorder.User])));
            services.GetRequiredService<StoreProbe>().Recorder = recorder;
            services.GetRequiredService<IActionSubscriber>().SubscribeToAction<CampaignEventAppliedAction>(recorder.OnApplied);
            await services.GetRequiredService<CampaignSession>().OpenAsync(campaignId, ct: token);
            opened();
        });

        // OpenAsync queued the load; wait until every store holds it.
        while (sessions.Any(s => s.State.Value.Status != CampaignLoadStatus.Loaded || s.Recorder.Audience is null))
        {
            var notFound = sessions.Count(s => s.State.Value.Status == CampaignLoadStatus.NotFound);
            if (notFound > 0)
            {
                throw new BenchmarkSetupException($"{notFound} sessions could not open the demo campaign.");
            }

            await Task.Delay(10, ct);
        }

        return sessions;
    }

    /// <summary>
    /// Probes on an instance's router, for both streams: one subscribed before the sessions (it is handed each
    /// event first: the event just came off Redis) and one after them (handed it last).
    /// </summary>
    public static async Task<List<RoomSubscription>> SubscribeProbesAsync(IServiceProvider services, int instance, Guid campaignId, EventRegistry registry,
        bool first, CancellationToken ct)
    {
        var router = services.GetRequiredService<RoomRouter>();
        var probes = new List<RoomSubscription>();
        foreach (var audience in new[] { Visibility.GameMasters, Visibility.Everyone })
        {
            probes.Add(await router.SubscribeAsync(campaignId, audience, [RoomNames.Campaign(campaignId)], message =>
            {
                registry.RouterSaw(instance, message.Envelope, audience, first);
                return ValueTask.CompletedTask;
            }, ct));
        }

        return probes;
    }
}

/// <summary>One open circuit session: its DI scope (the circuit's), its recorder, its session and its state.</summary>
internal sealed class OpenSession(AsyncServiceScope scope, SessionRecorder recorder)
{
    public AsyncServiceScope Scope { get; } = scope;

    public SessionRecorder Recorder { get; } = recorder;

    public CampaignSession Session { get; } = scope.ServiceProvider.GetRequiredService<CampaignSession>();

    public IState<CampaignState> State { get; } = scope.ServiceProvider.GetRequiredService<IState<CampaignState>>();

    /// <summary>The name the store shows for the settlement, or null.</summary>
    public string? SettlementName(Guid settlementId) =>
        State.Value.Campaign?.Kingdoms.SelectMany(k => k.Settlements).FirstOrDefault(s => s.Id == settlementId)?.Name;
}
