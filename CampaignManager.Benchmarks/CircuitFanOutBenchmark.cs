using System.Diagnostics;
using System.Globalization;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Settlements;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.State.Campaigns;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Benchmarks;

/// <summary>
/// One event fanned out to N circuit sessions over two app instances through Redis. Each session is
/// what a circuit holds: its own DI scope with the real store, feature, effects and
/// <see cref="CampaignSession"/>, signed in as a demo user; no browser and no rendering. The driver
/// renames Tallowford through <see cref="SettlementService"/> on the first instance as the game master,
/// first at a steady rate, then as fast as one writer can, and every store's update is timestamped.
/// Both instances run in this process (one <see cref="Stopwatch"/> times everything), or with
/// <c>--process-per-instance</c> the second one runs in a process of its own, as deployed
/// (<see cref="CircuitInstanceProcess"/>; its times are on the same CLOCK_MONOTONIC).
/// </summary>
internal sealed class CircuitFanOutBenchmark(BenchmarkOptions options, TextWriter progress)
{
    private const string SettlementName = DemoRenameTarget.SettlementName;
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(10);

    // A quiet gap before each phase. Its length (1.7 s) is the one the runs before 2026-11-27 used,
    // when highlights ended on timers 1.5 s after each event, so that runs compare.
    private static readonly TimeSpan PhaseGap = TimeSpan.FromMilliseconds(1700);
    private static readonly string[] Names = DemoRenameTarget.Names;

    private readonly List<RoomSubscription> _probes = [];
    private readonly Dictionary<string, (string Id, string DisplayName)> _userIds = [];
    private EventRegistry _registry = null!;
    private AppInstance[] _apps = [];
    private OpenSession[] _sessions = [];

    // With --process-per-instance: the second instance's process, and the driver's copies of its sessions' recorders.
    private CircuitInstanceProcess? _remote;
    private Dictionary<int, SessionRecorder> _remoteRecorders = [];
    private Guid _campaignId;
    private Guid _settlementId;
    private Actor _gameMaster = null!;
    private int _commitCount;
    private int _opened;
    private string _stage = "starting";

    public RedisServer? Redis { get; private set; }

    /// <summary>Runs the benchmark, prints the report, and returns the exit code (0, or 1 when incomplete or incorrect).</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        GC.KeepAlive(GcEvents.Instance); // Listening from the start: the phase tables read each collection.
        // Leave time to report and clean up within the bound.
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stop);
        run.CancelAfter(options.Timeout - TimeSpan.FromSeconds(10));
        var ct = run.Token;
        var directory = Directory.CreateTempSubdirectory("cm-bench-").FullName;
        var report = new BenchmarkReport(options);
        var logs = new LogCounter();
        var exitCode = 1;
        try
        {
            // Each commit writes one event per audience (game masters, everyone); room to spare.
            _registry = new EventRegistry(((BenchmarkOptions.MaxWarmupRounds * options.Warmup + 2 * options.Events) * 2) + 64);

            Stage("starting redis-server");
            Directory.CreateDirectory(Path.Combine(directory, "redis"));
            Redis = await RedisServer.StartAsync(Path.Combine(directory, "redis"), ct);
            report.RedisVersion = Redis.Version;

            Stage("starting two app instances");
            var databasePath = Path.Combine(directory, "campaigns.db");
            StartApps(databasePath, Redis.ConnectionString, logs);
            await LocateDemoAsync(ct);

            if (options.ServerWarmup > 0)
            {
                Stage($"warming the write path: at least {options.ServerWarmup} renames, then until the JIT settles");
                _registry.Recording = false;
                report.ServerWarmup = await JitWarmup.RunAsync(() => RenameAsync(ct), options.ServerWarmup, options.MaxServerWarmup, ct);
                _registry.Recording = true;
            }

            Stage("subscribing router probes");
            await SubscribeProbesAsync(first: true, ct);

            var recorders = CircuitSessions.Recorders(options.Sessions, options.ProcessPerInstance ? 0 : null, _registry);
            report.Before = MemorySnapshot.Take();
            Stage($"opening {recorders.Count} sessions");
            var opening = Stopwatch.StartNew();
            _sessions = await CircuitSessions.OpenAsync(recorders, r => _apps[r.Instance].Services, _userIds, _campaignId, () => Interlocked.Increment(ref _opened), ct);
            report.OpenSeconds = opening.Elapsed.TotalSeconds;
            report.After = MemorySnapshot.Take();
            report.LocalSessions = _sessions.Length;
            await SubscribeProbesAsync(first: false, ct);
            if (options.ProcessPerInstance)
            {
                Stage($"starting the second instance in its own process, with {options.Sessions - _sessions.Length} sessions");
                _remote = await CircuitInstanceProcess.StartAsync(databasePath, Redis.ConnectionString, options.Sessions, _registry.Capacity, progress, ct);
                _remoteRecorders = CircuitSessions.Recorders(options.Sessions, 1, _registry).ToDictionary(r => r.Index);
                // Its first dump gives each session's stream (and no events yet).
                await _remote.AbsorbAsync(_remoteRecorders, _registry, ct);
                if (_remote.Final.Count != _remoteRecorders.Count)
                {
                    throw new BenchmarkSetupException($"The second instance opened {_remote.Final.Count} sessions, {_remoteRecorders.Count} expected.");
                }
            }

            report.GameMasterSessions = AllRecorders.Count(r => r.Audience == Visibility.GameMasters);
            report.PlayerSessions = AllRecorders.Count(r => r.Audience == Visibility.Everyone);

            // Warm-up rounds at the steady rate until one compiles (almost) nothing, the pause before it
            // included (tiered compilation promotes hot methods in the background, after a delay): the
            // delivery path then runs warm in the measured phases too, as on a server up for a while.
            var phases = new List<(string Name, int Count, double? Rate)>();
            for (var round = 1; round <= BenchmarkOptions.MaxWarmupRounds && options.Warmup > 0; round++)
            {
                phases.Add(($"warm-up {round}", options.Warmup, options.Rate));
            }

            phases.Add(("steady", options.Events, options.Rate));
            phases.Add(("burst", options.Events, null));
            var jitMark = JitActivity.Now();
            foreach (var (name, count, rate) in phases.Where(p => p.Count > 0))
            {
                if (BenchmarkReport.IsWarmup(name) && report.WarmupSettled)
                {
                    continue;
                }

                if (report.Phases.Count > 0)
                {
                    await Task.Delay(PhaseGap, ct);
                }

                var result = await RunPhaseAsync(name, count, rate, ct);
                report.Phases.Add(result);
                if (result.Incomplete is not null)
                {
                    report.Failure = result.Incomplete;
                    break;
                }

                if (BenchmarkReport.IsWarmup(name))
                {
                    var now = JitActivity.Now();
                    report.WarmupCompiled.Add(now.Since(jitMark).Methods);
                    jitMark = now;
                }
            }

            if (report.Failure is null)
            {
                Stage("checking every store");
                CheckStores(report);
                Stage("timing the per-delivery steps alone");
                await Task.Delay(PhaseGap, ct);
                report.DeliveryCost = await MeasureDeliveryCostAsync();
            }

            exitCode = report.Passed ? 0 : 1;
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            var where = _opened < options.Sessions ? $"{_stage}, {_opened} open" : _stage;
            report.Failure = stop.IsCancellationRequested
                ? $"stopped while {where}"
                : $"did not finish within {options.Timeout.TotalSeconds:0} s (stopped while {where})";
        }
        catch (BenchmarkSetupException e)
        {
            report.Failure = e.Message;
        }
        catch (Exception e)
        {
            report.Failure = $"failed while {_stage}: {e}";
        }
        finally
        {
            report.RouterRepeats = _registry?.RouterRepeats ?? 0;
            report.Logs = _remote is null ? logs.Counts
                : logs.Counts.Concat(_remote.Logs).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.Sum(l => l.Value));
            report.WallSeconds = clock.Elapsed.TotalSeconds;
            Console.Out.Write(report.ToMarkdown());
            Console.Out.Flush();
            await CleanUpAsync(directory);
        }

        return exitCode;
    }

    private void Stage(string stage)
    {
        _stage = stage;
        progress.WriteLine($"[bench] {stage}…");
    }

    private void StartApps(string databasePath, string redis, LogCounter logs)
    {
        var settings = AppInstance.Settings(databasePath, redis);
        var apps = new List<AppInstance>();
        _apps = [];
        try
        {
            for (var i = 0; i < (options.ProcessPerInstance ? 1 : 2); i++)
            {
                // The first instance migrates and seeds the shared file; the second finds it ready.
                var app = new AppInstance(settings, Instrument, logs);
                apps.Add(app);
                app.Start();
            }
        }
        finally
        {
            _apps = [.. apps];
        }

        foreach (var app in _apps)
        {
            if (app.Services.GetRequiredService<ICampaignNotifier>() is not RedisCampaignNotifier)
            {
                throw new BenchmarkSetupException("The app did not pick the Redis notifier although ConnectionStrings:Redis is set.");
            }

            var observers = app.Services.GetServices<ICampaignChangeObserver>().ToList();
            if (observers is not [CommitClock, .., CommitClock] || !observers.OfType<CampaignEventPublisher>().Any())
            {
                throw new BenchmarkSetupException(
                    $"Expected the change observers [CommitClock, …, CampaignEventPublisher, …, CommitClock], got [{string.Join(", ", observers.Select(o => o.GetType().Name))}].");
            }
        }
    }

    /// <summary>Added to each instance's services after the app's own registrations.</summary>
    private void Instrument(IServiceCollection services)
    {
        // Stamp the commit before the app's publisher runs, and again after it returned.
        var appObservers = services.Where(d => d.ServiceType == typeof(ICampaignChangeObserver)).ToList();
        foreach (var descriptor in appObservers)
        {
            services.Remove(descriptor);
        }

        services.AddSingleton<ICampaignChangeObserver>(new CommitClock(_registry, CommitClock.Position.BeforeApp));
        foreach (var descriptor in appObservers)
        {
            services.Add(descriptor);
        }

        services.AddSingleton<ICampaignChangeObserver>(new CommitClock(_registry, CommitClock.Position.AfterApp));

        CircuitSessions.AddStoreProbe(services);
    }

    private async Task LocateDemoAsync(CancellationToken ct)
    {
        var services = _apps[0].Services;
        (_campaignId, _settlementId) = await DemoRenameTarget.LocateAsync(services, ct);
        foreach (var (email, user) in await DemoRenameTarget.UsersAsync(services, CircuitSessions.Users))
        {
            _userIds[email] = user;
        }

        var (gmId, gmName) = _userIds[CircuitSessions.Users[0]];
        _gameMaster = new Actor(gmId, gmName);
    }

    /// <summary>Router probes on each instance in this process (<see cref="CircuitSessions.SubscribeProbesAsync"/>).</summary>
    private async Task SubscribeProbesAsync(bool first, CancellationToken ct)
    {
        for (var instance = 0; instance < _apps.Length; instance++)
        {
            _probes.AddRange(await CircuitSessions.SubscribeProbesAsync(_apps[instance].Services, instance, _campaignId, _registry, first, ct));
        }
    }

    /// <summary>Every session's recorder: those in this process, and the copies of the second instance's process's.</summary>
    private IEnumerable<SessionRecorder> AllRecorders => _sessions.Select(s => s.Recorder).Concat(_remoteRecorders.Values);

    private async Task<PhaseResult> RunPhaseAsync(string name, int count, double? rate, CancellationToken ct)
    {
        Stage(rate is { } r
            ? $"{name}: {count} events at {r.ToString(CultureInfo.InvariantCulture)}/s"
            : $"{name}: {count} events as fast as possible");
        _registry.Phase = name;
        var faults = Faults();
        var cpu = ProcessorTime();
        var allocated = GC.GetTotalAllocatedBytes();
        var gc = GcActivity.Now();
        var jit = JitActivity.Now();
        var remoteFrom = _remote is null ? (ProcessMark?)null : await _remote.MarkAsync(ct);
        using var sampling = new CancellationTokenSource();
        var sampler = SampleThreadPoolAsync(sampling.Token);
        var wall = Stopwatch.StartNew();
        string? incomplete = null;
        var start = Stopwatch.GetTimestamp();
        try
        {
            for (var k = 0; k < count; k++)
            {
                if (rate is { } perSecond)
                {
                    var due = TimeSpan.FromSeconds(k / perSecond) - Stopwatch.GetElapsedTime(start);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, ct);
                    }
                }

                await CommitAsync(ct);
            }

            incomplete = await WaitForDeliveriesAsync(name, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            incomplete = $"the time bound ({options.Timeout.TotalSeconds:0} s) ended the {name} phase after {_registry.Commits.Count(c => c.Phase == name)} of {count} commits";
        }

        await sampling.CancelAsync();
        var (maxQueue, maxThreads) = await sampler;
        var cpuSeconds = (ProcessorTime() - cpu).TotalSeconds;
        var allocatedBytes = GC.GetTotalAllocatedBytes() - allocated;
        var gcActivity = GcActivity.Now().Since(gc);
        var jitActivity = JitActivity.Now().Since(jit);
        InstanceProcessPhase? remote = null;
        if (_remote is not null && remoteFrom is { } from)
        {
            var to = await _remote.MarkAsync(ct);
            await _remote.AbsorbAsync(_remoteRecorders, _registry, ct);
            remote = new InstanceProcessPhase(from, to, _remote.Collections(from.Utc, to.Utc));
        }

        var result = Measure(name, faults, wall.Elapsed.TotalSeconds, cpuSeconds, allocatedBytes, incomplete,
            gcActivity, maxQueue, maxThreads, jitActivity, remote);
        progress.WriteLine($"[bench] {name}: {result.Received}/{result.Expected} deliveries, p50 {Distribution.Format(result.Latency.Percentile(50))} ms, " +
            $"p99 {Distribution.Format(result.Latency.Percentile(99))} ms, {result.DeliveriesPerSecond:0} deliveries/s");
        return result;
    }

    private async Task CommitAsync(CancellationToken ct)
    {
        var commitsBefore = _registry.Commits.Count;
        var (name, took) = await RenameAsync(ct);
        var commits = _registry.Commits;
        if (commits.Count != commitsBefore + 1)
        {
            throw new InvalidOperationException($"Renaming {SettlementName} to '{name}' did not commit exactly one change.");
        }

        commits[^1].CallTicks = took;
    }

    /// <summary>The game master renames the settlement on instance 1; returns the name and the call's ticks.</summary>
    private async Task<(string Name, long Ticks)> RenameAsync(CancellationToken ct)
    {
        var name = Names[_commitCount++ % Names.Length];
        await using var scope = _apps[0].Services.CreateAsyncScope();
        var settlements = scope.ServiceProvider.GetRequiredService<SettlementService>();
        var started = Stopwatch.GetTimestamp();
        var result = await settlements.UpdateAsync(_gameMaster, _settlementId, new SettlementUpdate(Name: name), ct: ct);
        var took = Stopwatch.GetTimestamp() - started;
        if (!result.Changed)
        {
            throw new InvalidOperationException($"Renaming {SettlementName} to '{name}' changed nothing.");
        }

        return (name, took);
    }

    private long ExpectedDeliveries() =>
        _registry.Events.Sum(e => (long)AllRecorders.Count(r => r.Audience == e.Audience));

    private long Delivered() => _registry.Delivered + (_remote?.Delivered ?? 0);

    /// <summary>Waits until every session's store has every event; null when they have, else why not.</summary>
    private async Task<string?> WaitForDeliveriesAsync(string phase, CancellationToken ct)
    {
        var expected = ExpectedDeliveries();
        var delivered = Delivered();
        var progressAt = Stopwatch.GetTimestamp();
        while (delivered < expected)
        {
            if (ct.IsCancellationRequested)
            {
                return $"the time bound ({options.Timeout.TotalSeconds:0} s) ended the {phase} phase with {expected - delivered} deliveries missing";
            }

            if (Stopwatch.GetElapsedTime(progressAt) > StallLimit)
            {
                return $"{expected - delivered} deliveries of the {phase} phase were still missing after {StallLimit.TotalSeconds:0} s without progress";
            }

            await Task.Delay(5, CancellationToken.None);
            var now = Delivered();
            if (now != delivered)
            {
                (delivered, progressAt) = (now, Stopwatch.GetTimestamp());
            }
        }

        return null;
    }

    /// <summary>Duplicates, out-of-order and unexpected events over all sessions so far.</summary>
    private (int Duplicates, int OutOfOrder, int Unexpected) Faults() =>
        (AllRecorders.Sum(r => r.Duplicates), AllRecorders.Sum(r => r.OutOfOrder), AllRecorders.Sum(r => r.Unexpected));

    private static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static async Task<(long MaxQueue, int MaxThreads)> SampleThreadPoolAsync(CancellationToken ct)
    {
        long maxQueue = 0;
        var maxThreads = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                maxQueue = Math.Max(maxQueue, ThreadPool.PendingWorkItemCount);
                maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                await Task.Delay(5, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return (maxQueue, maxThreads);
    }

    private PhaseResult Measure(string name, (int Duplicates, int OutOfOrder, int Unexpected) before, double wallSeconds, double cpuSeconds, long allocatedBytes, string? incomplete,
        GcActivity gc, long maxQueue, int maxThreads, JitActivity jitActivity, InstanceProcessPhase? remote)
    {
        var events = _registry.Events.Where(e => e.Commit.Phase == name).ToList();
        var commits = events.Select(e => e.Commit).Distinct().OrderBy(c => c.Index).ToList();
        List<double> latency = [], committing = [], other = [], gameMasters = [], players = [];
        List<double> toRouter = [], handOut = [], routerToStore = [], storeApply = [];
        long expected = 0, received = 0, lastApplied = 0;
        foreach (var e in events)
        {
            for (var instance = 0; instance < 2; instance++)
            {
                var first = _registry.RouterFirst[instance][e.Slot];
                var last = _registry.RouterLast[instance][e.Slot];
                if (first != 0)
                {
                    toRouter.Add(Distribution.Milliseconds(e.Commit.CommittedAt, first));
                    if (last != 0)
                    {
                        handOut.Add(Distribution.Milliseconds(first, last));
                    }
                }
            }

            foreach (var recorder in AllRecorders)
            {
                if (recorder.Audience != e.Audience)
                {
                    continue;
                }

                expected++;
                var applied = recorder.Applied[e.Slot];
                if (applied == 0)
                {
                    continue;
                }

                received++;
                lastApplied = Math.Max(lastApplied, applied);
                var ms = Distribution.Milliseconds(e.Commit.CommittedAt, applied);
                latency.Add(ms);
                (recorder.Instance == 0 ? committing : other).Add(ms);
                (e.Audience == Visibility.GameMasters ? gameMasters : players).Add(ms);
                var dequeued = recorder.Dequeued[e.Slot];
                var routed = _registry.RouterFirst[recorder.Instance][e.Slot];
                if (dequeued != 0)
                {
                    storeApply.Add(Distribution.Milliseconds(dequeued, applied));
                    if (routed != 0)
                    {
                        routerToStore.Add(Distribution.Milliseconds(routed, dequeued));
                    }
                }
            }
        }

        var faults = Faults();
        var span = commits.Count > 0 && lastApplied != 0 ? Distribution.Milliseconds(commits[0].CommittedAt, lastApplied) / 1000 : double.NaN;
        var commitSpan = commits.Count > 1 ? Distribution.Milliseconds(commits[0].CommittedAt, commits[^1].CommittedAt) / 1000 : double.NaN;
        var result = new PhaseResult
        {
            Name = name,
            Sessions = _sessions.Length + _remoteRecorders.Count,
            Commits = commits.Count,
            Events = events.Count,
            CommitsPerSecond = commits.Count > 1 ? (commits.Count - 1) / commitSpan : double.NaN,
            Expected = expected,
            Received = received,
            Duplicates = faults.Duplicates - before.Duplicates,
            OutOfOrder = faults.OutOfOrder - before.OutOfOrder,
            Unexpected = faults.Unexpected - before.Unexpected,
            DeliveriesPerSecond = received / span,
            Latency = Distribution.Of(latency),
            CommitCall = Distribution.Of([.. commits.Where(c => c.CallTicks != 0).Select(c => Distribution.Milliseconds(0, c.CallTicks))]),
            CommitToPublished = Distribution.Of([.. commits.Where(c => c.ObservedAt != 0).Select(c => Distribution.Milliseconds(c.CommittedAt, c.ObservedAt))]),
            CommitToRouter = Distribution.Of(toRouter),
            RouterHandOut = Distribution.Of(handOut),
            RouterToStore = Distribution.Of(routerToStore),
            StoreApply = Distribution.Of(storeApply),
            CommittingInstance = Distribution.Of(committing),
            OtherInstance = Distribution.Of(other),
            GameMasters = Distribution.Of(gameMasters),
            Players = Distribution.Of(players),
            Gc = gc,
            MaxThreadPoolQueue = maxQueue,
            MaxThreadPoolThreads = maxThreads,
            WallSeconds = wallSeconds,
            CpuSeconds = cpuSeconds,
            AllocatedBytes = allocatedBytes,
            Jit = jitActivity,
            InstanceProcess = remote,
            Incomplete = incomplete,
        };
        return result;
    }

    /// <summary>The last two events of the players' stream, applied alone to a player's view.</summary>
    private async Task<IReadOnlyList<DeliveryCost.Step>> MeasureDeliveryCostAsync()
    {
        var lastTwo = _registry.Events.Where(e => e.Audience == Visibility.Everyone).OrderBy(e => e.Sequence).TakeLast(2)
            .Select(e => _registry.Envelopes[e.Slot]).OfType<CampaignEventEnvelope>().ToList();
        var view = _sessions.FirstOrDefault(s => s.Recorder.Audience == Visibility.Everyone)?.State.Value.Campaign;
        return lastTwo.Count == 2 && view is not null ? await DeliveryCost.MeasureAsync(view, lastTwo[0], lastTwo[1]) : [];
    }

    private void CheckStores(BenchmarkReport report)
    {
        var lastName = Names[(_commitCount - 1) % Names.Length];
        var lastSequence = _registry.Events.GroupBy(e => e.Audience).ToDictionary(g => g.Key, g => g.Max(e => e.Sequence));
        var finals = _sessions.Select(s => (s.Recorder, Name: s.SettlementName(_settlementId), Session: s.Session.LastSequence, Store: s.State.Value.Campaign?.StreamSequence))
            .Concat(_remoteRecorders.Values.Select(r => _remote!.Final.TryGetValue(r.Index, out var f)
                ? (Recorder: r, Name: (string?)f.Name, Session: f.SessionSequence, Store: (long?)f.StoreSequence)
                : (r, null, -1, null)));
        foreach (var (recorder, name, sessionSequence, storeSequence) in finals)
        {
            var audience = recorder.Audience ?? Visibility.Everyone;
            if (name != lastName || storeSequence != lastSequence.GetValueOrDefault(audience) || sessionSequence != lastSequence.GetValueOrDefault(audience))
            {
                report.StaleStores++;
            }

            report.Reloads += Math.Max(0, recorder.Loads - 1);
        }

        report.Overflow = _registry.Overflow;
    }

    private async Task CleanUpAsync(string directory)
    {
        progress.WriteLine("[bench] cleaning up…");
        var cleanUp = Task.Run(async () =>
        {
            if (_remote is not null)
            {
                await _remote.DisposeAsync();
            }

            foreach (var probe in _probes)
            {
                await probe.DisposeAsync();
            }

            await Parallel.ForEachAsync(_sessions.Where(s => s is not null), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (session, _) => await session.Scope.DisposeAsync());
            foreach (var app in _apps.Reverse())
            {
                await app.DisposeAsync();
            }
        });
        try
        {
            await cleanUp.WaitAsync(TimeSpan.FromSeconds(8));
        }
        catch (Exception e)
        {
            progress.WriteLine($"[bench] clean-up did not finish: {e.GetType().Name}: {e.Message}");
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress.WriteLine($"[bench] could not delete {directory}: {e.Message}");
        }
    }
}
