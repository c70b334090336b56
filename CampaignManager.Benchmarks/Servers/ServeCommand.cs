using System.Diagnostics;
using System.Globalization;
using CampaignManager.Domain.Common;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Benchmarks.Servers;

/// <summary>
/// The child side of <see cref="ServerProcess"/>: <c>serve app &lt;database&gt; &lt;redis&gt;</c> runs the real app,
/// <c>serve app &lt;database&gt; &lt;redis&gt; &lt;keep-alive seconds&gt;</c> the same with Kestrel's keep-alive timeout
/// set, <c>serve bare &lt;redis&gt;</c> the bare SignalR hub, each in a process of its own so that RSS and CPU
/// time are per server. It talks to the benchmark over its standard streams, never over HTTP, so the
/// app's endpoints stay exactly the production ones:
/// stdout <c>READY &lt;base address&gt;</c> once listening, <c>COMMIT &lt;audience&gt; &lt;sequence&gt; &lt;timestamp&gt; &lt;bytes&gt;</c>
/// per committed event (the timestamp is <see cref="Stopwatch.GetTimestamp"/>, CLOCK_MONOTONIC on Linux,
/// so the benchmark can subtract it from its clients' receive times), answers to stdin commands
/// <c>GC</c> (<c>MEM &lt;rss&gt; &lt;managed&gt; &lt;GC committed&gt; &lt;JIT code&gt; &lt;other anonymous&gt; &lt;methods JIT-compiled&gt; &lt;Kestrel's free pool&gt;</c> after a full collection, see <see cref="MemorySnapshot"/>) and <c>STATS</c>
/// (<c>STATS &lt;circuits&gt; &lt;hub connections&gt; &lt;methods JIT-compiled&gt; &lt;TCP connections&gt;</c>, no collection); stdin closed ends it. Logs go to stderr.
/// </summary>
internal static class ServeCommand
{
    public const string Name = "serve";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var output = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });
        KestrelPoolMeter.Start();
        switch (args)
        {
            case [Name, "app", var database, var redis]:
                await RunAppAsync(database, redis, null, output);
                return 0;
            case [Name, "app", var database, var redis, var keepAlive] when int.TryParse(keepAlive, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                await RunAppAsync(database, redis, TimeSpan.FromSeconds(seconds), output);
                return 0;
            case [Name, "bare", var redis]:
                await using (var bare = await BareHubServer.StartAsync(redis, output))
                {
                    output.WriteLine($"READY {bare.BaseAddress}");
                    await ServeCommandsAsync(output, () => (0, bare.Connections, TcpConnections.Open(new Uri(bare.BaseAddress).Port)));
                }

                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: serve app <database file> <redis> [<keep-alive seconds>] | serve bare <redis> (started by the benchmark itself)");
                return 2;
        }
    }

    /// <param name="keepAlive">Kestrel's keep-alive timeout for idle HTTP/1.1 connections; null keeps its default (130 s).</param>
    private static async Task RunAppAsync(string databasePath, string redis, TimeSpan? keepAlive, TextWriter output)
    {
        var settings = AppInstance.Settings(databasePath, redis);
        var circuits = new CircuitCounter();
        using var logs = new LogCounter();
        await using var app = new AppInstance(settings, services =>
        {
            // Stamp each commit before the app's own observers (its publisher) run.
            var appObservers = services.Where(d => d.ServiceType == typeof(ICampaignChangeObserver)).ToList();
            foreach (var descriptor in appObservers)
            {
                services.Remove(descriptor);
            }

            services.AddSingleton<ICampaignChangeObserver>(new CommitLine(output));
            foreach (var descriptor in appObservers)
            {
                services.Add(descriptor);
            }

            services.AddSingleton<CircuitHandler>(circuits);
            if (keepAlive is { } timeout)
            {
                services.Configure<KestrelServerOptions>(o => o.Limits.KeepAliveTimeout = timeout);
            }
        }, logs).Start();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without reporting an address.");
        output.WriteLine($"READY {address.TrimEnd('/')}");
        var hubs = app.Services.GetRequiredService<Web.Hubs.CampaignHubConnections>();
        var port = new Uri(address).Port;
        await ServeCommandsAsync(output, () => (circuits.Open, hubs.Count, TcpConnections.Open(port)));
    }

    /// <summary>Answers the benchmark's commands until it closes stdin.</summary>
    private static async Task ServeCommandsAsync(TextWriter output, Func<(int Circuits, int HubConnections, long Connections)> stats)
    {
        using var input = new StreamReader(Console.OpenStandardInput());
        while (await input.ReadLineAsync() is { } command)
        {
            switch (command.Trim())
            {
                case "GC":
                    output.WriteLine(MemorySnapshot.Take().ToLine());
                    break;
                case "STATS":
                    var (circuits, hubConnections, connections) = stats();
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STATS {circuits} {hubConnections} {System.Runtime.JitInfo.GetCompiledMethodCount()} {connections}"));
                    break;
            }
        }
    }

    /// <summary>Prints every committed event with its monotonic timestamp, before the app publishes it.</summary>
    private sealed class CommitLine(TextWriter output) : ICampaignChangeObserver
    {
        public Task OnCommittedAsync(CommittedChanges changes, CancellationToken ct)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var e in changes.Events)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"COMMIT {e.Audience} {e.Sequence} {now} {e.Envelope.Length}"));
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Open Blazor circuits of the instance (for the memory benchmark's per-circuit figure).</summary>
    private sealed class CircuitCounter : CircuitHandler
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref _open);
            return Task.CompletedTask;
        }
    }
}
