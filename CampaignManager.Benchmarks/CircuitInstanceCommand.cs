using System.Diagnostics;
using System.Globalization;
using System.Text;
using CampaignManager.Web.Realtime;

namespace CampaignManager.Benchmarks;

/// <summary>
/// The child side of <see cref="CircuitInstanceProcess"/>: <c>circuit-instance &lt;database&gt; &lt;redis&gt; &lt;sessions&gt;
/// &lt;capacity&gt;</c> runs the second app instance of the circuit benchmark in a process of its own, as
/// deployed, with the sessions of the run that belong to it (every second one). Nothing commits here: events come
/// through Redis only, and this process's collections pause only its own sessions. Timestamps are
/// <see cref="Stopwatch.GetTimestamp"/> (CLOCK_MONOTONIC on Linux), so the driver can subtract its commit times.
/// <para>
/// Over its standard streams (logs go to stderr): stdout <c>READY</c> once every session is loaded, then <c>DELIVERED &lt;n&gt;</c> whenever the count of distinct deliveries grew (checked
/// every 5 ms). Stdin <c>MARK</c> answers <c>MARK &lt;UTC ticks&gt; &lt;bytes allocated&gt; &lt;CPU ms&gt; &lt;gen0&gt; &lt;gen1&gt; &lt;gen2&gt;
/// &lt;GC pause ms&gt;</c>; <c>DUMP</c> answers every event seen (<c>EVENT</c>), every session's record (<c>RECORD</c>),
/// every collection (<c>GC</c>) and what the app logged at Warning and above (<c>LOG &lt;count&gt; &lt;level and category&gt;</c>), then <c>END</c>. Closed stdin ends it.
/// </para>
/// </summary>
internal static class CircuitInstanceCommand
{
    public const string Name = "circuit-instance";

    /// <summary>This process is the run's second instance.</summary>
    private const int Instance = 1;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args is not [Name, var database, var redis, var sessionText, var capacityText]
            || !int.TryParse(sessionText, CultureInfo.InvariantCulture, out var sessions)
            || !int.TryParse(capacityText, CultureInfo.InvariantCulture, out var capacity))
        {
            await Console.Error.WriteLineAsync("usage: circuit-instance <database file> <redis> <sessions> <capacity> (started by the benchmark itself)");
            return 2;
        }

        GC.KeepAlive(GcEvents.Instance);
        var output = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });
        var registry = new EventRegistry(capacity, learnsFromDeliveries: true);
        var logs = new LogCounter();
        await using var app = new AppInstance(AppInstance.Settings(database, redis), CircuitSessions.AddStoreProbe, logs).Start();
        var (campaignId, settlementId) = await DemoRenameTarget.LocateAsync(app.Services, CancellationToken.None);
        var users = await DemoRenameTarget.UsersAsync(app.Services, CircuitSessions.Users);
        var probes = await CircuitSessions.SubscribeProbesAsync(app.Services, Instance, campaignId, registry, first: true, CancellationToken.None);
        var recorders = CircuitSessions.Recorders(sessions, Instance, registry);
        var open = await CircuitSessions.OpenAsync(recorders, _ => app.Services, users, campaignId, () => { }, CancellationToken.None);
        probes.AddRange(await CircuitSessions.SubscribeProbesAsync(app.Services, Instance, campaignId, registry, first: false, CancellationToken.None));
        output.WriteLine("READY");
        using var stop = new CancellationTokenSource();
        var counting = ReportDeliveriesAsync(registry, output, stop.Token);
        using (var input = new StreamReader(Console.OpenStandardInput()))
        {
            while (await input.ReadLineAsync() is { } command)
            {
                switch (command.Trim())
                {
                    case "MARK":
                        output.WriteLine(Mark());
                        break;
                    case "DUMP":
                        output.Write(Dump(registry, open, settlementId, logs));
                        break;
                }
            }
        }

        await stop.CancelAsync();
        await counting;
        foreach (var probe in probes)
        {
            await probe.DisposeAsync();
        }

        foreach (var session in open)
        {
            await session.Scope.DisposeAsync();
        }

        return 0;
    }

    private static async Task ReportDeliveriesAsync(EventRegistry registry, TextWriter output, CancellationToken ct)
    {
        long reported = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(5, ct);
                var delivered = registry.Delivered;
                if (delivered != reported)
                {
                    reported = delivered;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DELIVERED {delivered}"));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Mark()
    {
        using var self = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture,
            $"MARK {DateTime.UtcNow.Ticks} {GC.GetTotalAllocatedBytes()} {self.TotalProcessorTime.TotalMilliseconds:0.###} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().TotalMilliseconds:0.###}");
    }

    private static string Dump(EventRegistry registry, OpenSession[] sessions, Guid settlementId, LogCounter logs)
    {
        var text = new StringBuilder();
        var events = registry.Events;
        foreach (var e in events)
        {
            text.Append(CultureInfo.InvariantCulture, $"EVENT {e.Slot} {e.Id} {registry.RouterFirst[Instance][e.Slot]} {registry.RouterLast[Instance][e.Slot]}\n");
        }

        foreach (var session in sessions)
        {
            var r = session.Recorder;
            var campaign = session.State.Value.Campaign;
            // Tab-separated: the settlement's name, last, may hold spaces.
            text.Append(CultureInfo.InvariantCulture,
                $"RECORD\t{r.Index}\t{r.Audience}\t{r.Loads}\t{r.Duplicates}\t{r.OutOfOrder}\t{r.Unexpected}\t{session.Session.LastSequence}\t{campaign?.StreamSequence ?? -1}\t");
            foreach (var e in events)
            {
                if (r.Applied[e.Slot] != 0 || r.Dequeued[e.Slot] != 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{e.Slot}:{r.Applied[e.Slot]}:{r.Dequeued[e.Slot]},");
                }
            }

            text.Append('\t').Append(session.SettlementName(settlementId) ?? "").Append('\n');
        }

        foreach (var c in GcEvents.Instance.Window(DateTime.MinValue, DateTime.MaxValue).Collections)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"GC {c.SuspendedAt.Ticks} {c.Generation} {c.Pause.Ticks} {c.Suspending.Ticks} {c.Collecting.Ticks} {c.Promoted}\n");
        }

        foreach (var (what, count) in logs.Counts)
        {
            text.Append(CultureInfo.InvariantCulture, $"LOG {count} {what}\n");
        }

        text.Append("END\n");
        return text.ToString();
    }
}
