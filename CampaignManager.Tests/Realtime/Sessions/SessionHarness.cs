using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.WorldTime;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignManager.Tests.Realtime.Sessions;

/// <summary>
/// The app's real-time wiring for one test, as ComponentTestContext registers it but without bUnit:
/// the real domain services over a <see cref="DomainFixture"/> database, publishing after each commit
/// through the real <see cref="CampaignEventPublisher"/> to a <see cref="ControllableNotifier"/>, the
/// real <see cref="RoomRouter"/> and <see cref="RealtimeStatus"/>, and per circuit (one DI scope each)
/// the real store, <see cref="CampaignFeature"/> and <see cref="CampaignSession"/>.
/// </summary>
public sealed class SessionHarness : IAsyncDisposable
{
    /// <summary>The longest any wait of a session test may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _commands;
    private readonly List<SessionCircuit> _circuits = [];

    private SessionHarness(DomainFixture domain)
    {
        Domain = domain;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Problems));

        // Real-time delivery, with the network in the test's hands.
        services.AddSingleton(Notifier);
        services.AddSingleton<ICampaignNotifier>(Notifier);

        // The circuit: who is signed in, then the app's live wiring over the fixture.
        services.AddScoped<SignedInUser>();
        services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<SignedInUser>());
        services.AddLiveCampaign(domain);

        _root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _commands = _root.CreateAsyncScope();
    }

    public DomainFixture Domain { get; }

    public ControllableNotifier Notifier { get; } = new();

    public CapturedLog Problems { get; } = new(LogLevel.Warning);

    public RoomRouter Router => _root.GetRequiredService<RoomRouter>();

    /// <remarks>
    /// Every context gets its own connection (<c>parallelWriters</c>), as in the app: sessions read the
    /// log and reload on background threads while the test commits and loads, and one SQLite
    /// connection must not be used by two threads at once.
    /// </remarks>
    public static async Task<SessionHarness> CreateAsync() => new(await DomainFixture.CreateAsync(parallelWriters: true));

    /// <summary>A domain service as another user's circuit calls it: its commits are published to every session.</summary>
    public T Service<T>()
        where T : notnull => _commands.ServiceProvider.GetRequiredService<T>();

    /// <summary>Opens a circuit signed in as <paramref name="actor"/>, opens the demo campaign in it and waits until it loaded (or was not found).</summary>
    public async Task<SessionCircuit> OpenAsync(Actor actor, CancellationToken ct)
    {
        var circuit = new SessionCircuit(_root.CreateAsyncScope(), actor, Problems);
        _circuits.Add(circuit);
        await circuit.Session.OpenAsync(Domain.CampaignId, ct: ct);
        await circuit.WaitUntilAsync(
            c => c.State.Value.Status is CampaignLoadStatus.Loaded or CampaignLoadStatus.NotFound,
            $"the campaign opened for {actor.DisplayName}", ct);
        return circuit;
    }

    /// <summary>The campaign as <paramref name="actor"/> would load it now, through a fresh call of the domain service.</summary>
    public Task<CampaignView> FreshLoadAsync(Actor actor, CancellationToken ct) =>
        Service<CampaignService>().GetAsync(actor, Domain.CampaignId, ct);

    /// <summary>The last sequence of the stream <paramref name="actor"/> receives.</summary>
    public async Task<long> StreamSequenceAsync(Actor actor, CancellationToken ct) => (await FreshLoadAsync(actor, ct)).StreamSequence;

    /// <summary>Removes events from the log, as retention does; returns how many rows went.</summary>
    public async Task<int> DeleteFromLogAsync(Visibility audience, long fromSequence, long toSequence, CancellationToken ct)
    {
        await using var db = await Domain.DbFactory.CreateDbContextAsync(ct);
        return await db.Events
            .Where(e => e.CampaignId == Domain.CampaignId && e.Audience == audience && e.Sequence >= fromSequence && e.Sequence <= toSequence)
            .ExecuteDeleteAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var circuit in _circuits)
        {
            await circuit.DisposeAsync();
        }

        await _commands.DisposeAsync();
        await _root.DisposeAsync();
        await Domain.DisposeAsync();
    }
}
