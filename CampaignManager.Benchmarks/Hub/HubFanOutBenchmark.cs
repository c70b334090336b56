using System.Diagnostics;
using CampaignManager.Benchmarks.Servers;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// Hub fan-out: for each client count and target (the app, the bare-SignalR baseline), connects the
/// clients over both instances, writes on the first instance (warm-up, steady, burst) and checks that
/// every client got every event of its stream once and in order, with commit → client latency from
/// the server's commit stamp to the client's handler, both on the machine's monotonic clock.
/// </summary>
internal sealed class HubFanOutBenchmark(HubOptions options, TextWriter progress)
{
    private const int ConnectParallelism = 32;
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan IdleSample = TimeSpan.FromSeconds(3);

    private readonly List<DeliveryCost.Step> _sendCost = [];
    private long _received;

    public RedisServer? Redis { get; private set; }

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory("cm-bench-hub-").FullName;
        var report = new HubReport(options);
        var servers = new List<ServerProcess>();
        report.Failure = await BoundedRun.RunAsync(stop, options.Timeout, async ct =>
        {
            Stage("starting redis-server");
            Directory.CreateDirectory(Path.Combine(directory, "redis"));
            Redis = await RedisServer.StartAsync(Path.Combine(directory, "redis"), ct);
            report.RedisVersion = Redis.Version;
            var targets = new List<HubTarget>();
            AppTarget? app = null;
            if (options.Targets.Contains("app"))
            {
                Stage("starting two app instances (separate processes)");
                var apps = await StartPairAsync("app", ["app", Path.Combine(directory, "campaigns.db"), Redis.ConnectionString], servers, ct);
                app = await AppTarget.CreateAsync(apps, ct);
                targets.Add(app);
            }

            if (options.Targets.Contains("baseline"))
            {
                Stage("starting two bare SignalR hubs (separate processes)");
                var bare = await StartPairAsync("bare", ["bare", Redis.ConnectionString], servers, ct);
                var campaign = app?.CampaignId ?? Guid.NewGuid().ToString("D");
                targets.Add(new BareTarget(bare, campaign, () => app?.Servers[0].LastEnvelopeBytes is > 0 and var b ? b : 700));
            }

            if (options.ServerWarmup > 0)
            {
                foreach (var target in targets)
                {
                    Stage($"{target.Name}: {options.ServerWarmup} warm-up writes, no clients connected");
                    for (var i = 0; i < options.ServerWarmup; i++)
                    {
                        await target.CommitAsync(ct);
                    }
                }
            }

            foreach (var clients in options.Clients)
            {
                foreach (var target in targets)
                {
                    report.Phases.AddRange(await RunClientsAsync(target, clients, ct));
                }
            }

            report.EnvelopeBytes = app?.Servers[0].LastEnvelopeBytes ?? 0;
        });
        report.SendCost = _sendCost;
        report.Logs = servers.Select(s => (s.Name, s.Warnings, s.Errors)).ToList();
        report.WallSeconds = clock.Elapsed.TotalSeconds;
        Console.Out.Write(report.ToMarkdown());
        Console.Out.Flush();
        Stage("stopping the servers");
        await Task.WhenAll(servers.Select(s => s.DisposeAsync().AsTask()));
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        TryDelete(directory);
        return report.Passed ? 0 : 1;
    }

    /// <summary>Two server processes, one after the other (the first app instance migrates and seeds the database).</summary>
    private async Task<ServerProcess[]> StartPairAsync(string kind, string[] arguments, List<ServerProcess> all, CancellationToken ct)
    {
        var pair = new ServerProcess[2];
        for (var i = 0; i < 2; i++)
        {
            pair[i] = await ServerProcess.StartAsync($"{kind}{i + 1}", arguments, progress, ct);
            all.Add(pair[i]);
        }

        return pair;
    }

    private async Task<List<HubPhaseResult>> RunClientsAsync(HubTarget target, int count, CancellationToken ct)
    {
        var results = new List<HubPhaseResult>();
        var capacity = options.Warmup + options.SteadyWrites + options.Burst + 16;
        var clients = new HubClient[count];
        Stage($"{target.Name}, {count} clients: connecting");
        var connected = 0;
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = ct },
                async (i, token) =>
                {
                    var (audience, accessToken) = target.Credentials(i);
                    clients[i] = await HubClient.ConnectAsync(target, i % 2, audience, accessToken, capacity, OnReceived, token, options.Client);
                    if (Interlocked.Increment(ref connected) % 250 == 0)
                    {
                        progress.WriteLine($"[bench]   {connected} connected");
                    }
                });

            clients[0].KeepEnvelope = target is AppTarget;

            // What the servers burn with the clients connected and nothing sent (timers, keep-alives,
            // the relay's polling), so each phase's CPU per delivery can be read net of it.
            var idleFrom = target.Servers.Select(s => s.CpuSeconds()).ToArray();
            await Task.Delay(IdleSample, ct);
            var idlePerSecond = target.Servers.Select((s, i) => (s.CpuSeconds() - idleFrom[i]) / IdleSample.TotalSeconds).ToArray();
            (string Name, int Writes, double? Rate)[] phases =
                [("warm-up", options.Warmup, null), ("steady", options.SteadyWrites, options.Rate), ("burst", options.Burst, null)];
            foreach (var (name, writes, rate) in phases.Where(p => p.Writes > 0))
            {
                var result = await RunPhaseAsync(target, clients, name, writes, rate, idlePerSecond, ct);
                if (name != "warm-up" || result.Incomplete is not null)
                {
                    results.Add(result);
                }

                if (result.Incomplete is not null)
                {
                    break;
                }
            }

            if (clients[0].LastEnvelopeJson is { } envelope && _sendCost.Count == 0)
            {
                Stage("timing the per-connection send steps alone");
                _sendCost.AddRange(SendCost.Measure(envelope));
            }
        }
        finally
        {
            Stage($"{target.Name}, {count} clients: disconnecting");
            await Parallel.ForEachAsync(clients.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 },
                async (client, _) => await client.DisposeAsync());
        }

        return results;
    }

    private async Task<HubPhaseResult> RunPhaseAsync(HubTarget target, HubClient[] clients, string name, int writes, double? rate,
        double[] idlePerSecond, CancellationToken ct)
    {
        Stage(rate is { } r ? $"{target.Name}, {clients.Length} clients, {name}: {writes} writes at {r}/s" : $"{target.Name}, {clients.Length} clients, {name}: {writes} writes back to back");
        var load = LoadAverage.Now();
        var first = target.Audiences.ToDictionary(a => a, a => target.CurrentSequence(a) + 1);
        var before = (Duplicates: clients.Sum(c => c.Duplicates), OutOfOrder: clients.Sum(c => c.OutOfOrder), Unexpected: clients.Sum(c => c.Unexpected));
        var cpu = target.Servers.Select(s => s.CpuSeconds()).ToArray();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        using var sampler = new PeakSampler(target.Servers);
        Interlocked.Exchange(ref _received, 0);
        var planned = writes;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < planned; i++)
        {
            if (Stopwatch.GetElapsedTime(started) > options.WriteLimit)
            {
                // The writer cannot keep up (a busy machine): end the phase with what was written.
                writes = i;
                progress.WriteLine($"[bench]   writing stopped after {options.WriteLimit.TotalSeconds:0} s at {i} of {planned} writes");
                break;
            }

            if (rate is { } perSecond)
            {
                var due = started + (long)(i / perSecond * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }
            }

            await target.CommitAsync(ct);
        }

        var written = Stopwatch.GetElapsedTime(started);
        var expected = (long)clients.Length * writes;
        string? incomplete = null;
        var last = Volatile.Read(ref _received);
        var progressAt = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _received) < expected)
        {
            await Task.Delay(20, ct);
            var now = Volatile.Read(ref _received);
            if (now != last)
            {
                last = now;
                progressAt = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(progressAt) > StallLimit)
            {
                incomplete = $"no delivery for {StallLimit.TotalSeconds:0} s with {expected - now} missing";
                break;
            }
        }

        // The commit stamps come over the first server's stdout; the last ones may trail the deliveries.
        var stampsBy = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (target.Audiences.Any(a => target.CurrentSequence(a) < first[a] + writes - 1) && Stopwatch.GetTimestamp() < stampsBy)
        {
            await Task.Delay(20, ct);
        }

        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var usage = target.Servers.Select((s, i) => (Peak: sampler.Peak(i), Cpu: s.CpuSeconds() - cpu[i], Idle: idlePerSecond[i] * wall)).ToArray();
        var clientSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds;
        return Evaluate(target, clients, name, writes, planned, written, first, before, usage, clientSeconds, load, incomplete);
    }

    private static HubPhaseResult Evaluate(HubTarget target, HubClient[] clients, string name, int writes, int planned, TimeSpan written,
        Dictionary<string, long> first, (int Duplicates, int OutOfOrder, int Unexpected) before, (long Peak, double Cpu, double Idle)[] usage,
        double clientSeconds, string load, string? incomplete)
    {
        var latencies = new List<double>(clients.Length * writes);
        var perServer = new long[target.Servers.Count];
        long received = 0;
        var firstCommit = long.MaxValue;
        var lastDelivery = long.MinValue;
        var commits = target.Servers[0].Commits;
        foreach (var client in clients)
        {
            for (var sequence = first[client.Audience]; sequence < first[client.Audience] + writes; sequence++)
            {
                var at = client.ReceivedAt(sequence);
                if (at == 0)
                {
                    continue;
                }

                received++;
                perServer[client.Instance]++;
                lastDelivery = Math.Max(lastDelivery, at);
                if (commits.TryGetValue((client.Audience, sequence), out var committed))
                {
                    latencies.Add(Distribution.Milliseconds(committed, at));
                    firstCommit = Math.Min(firstCommit, committed);
                }
            }
        }

        var span = received == 0 || firstCommit == long.MaxValue ? double.NaN : Distribution.Milliseconds(firstCommit, lastDelivery) / 1000;
        return new HubPhaseResult
        {
            Target = target.Name,
            Clients = clients.Length,
            Phase = name,
            Writes = writes,
            PlannedWrites = planned,
            WritesPerSecond = writes / written.TotalSeconds,
            Expected = (long)clients.Length * writes,
            Received = received,
            Duplicates = clients.Sum(c => c.Duplicates) - before.Duplicates,
            OutOfOrder = clients.Sum(c => c.OutOfOrder) - before.OutOfOrder,
            Unexpected = clients.Sum(c => c.Unexpected) - before.Unexpected,
            Latency = Distribution.Of(latencies),
            DeliveriesPerSecond = received / span,
            Servers = [.. target.Servers.Select((s, i) => new ServerUsage(s.Name, usage[i].Peak, usage[i].Cpu, usage[i].Idle, perServer[i]))],
            ClientCpuSeconds = clientSeconds,
            Load = $"{load} → {LoadAverage.Now()}",
            Incomplete = incomplete,
        };
    }

    private void OnReceived() => Interlocked.Increment(ref _received);

    private void Stage(string stage) => progress.WriteLine($"[bench] {stage}…");

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
