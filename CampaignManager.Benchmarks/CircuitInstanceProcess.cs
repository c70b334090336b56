using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using CampaignManager.Benchmarks.Servers;
using CampaignManager.Domain.Common;

namespace CampaignManager.Benchmarks;

/// <summary>
/// The circuit benchmark's second app instance in a process of its own (<c>circuits --process-per-instance</c>),
/// started as <c>&lt;this program&gt; circuit-instance …</c> (see <see cref="CircuitInstanceCommand"/>): how many
/// deliveries its sessions have had, marks of its runtime counters, and a dump of what its sessions recorded,
/// which <see cref="AbsorbAsync"/> copies into the driver's recorders and registry. Killed on dispose.
/// </summary>
internal sealed class CircuitInstanceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<GcCollection> _collections = [];
    private long _delivered;

    private CircuitInstanceProcess(Process process) => _process = process;

    /// <summary>Distinct deliveries the instance's sessions have had (as of its last report, at most 5 ms old).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>What each session's store shows at the last dump, by run index.</summary>
    public Dictionary<int, (string Name, long SessionSequence, long StoreSequence)> Final { get; } = [];

    /// <summary>What the instance logged at Warning and above, by level and category, at the last dump.</summary>
    public Dictionary<string, int> Logs { get; } = [];

    public static async Task<CircuitInstanceProcess> StartAsync(string databasePath, string redis, int sessions, int capacity, TextWriter progress,
        CancellationToken ct)
    {
        var process = ServerProcess.StartSelf("The second instance's process",
            [CircuitInstanceCommand.Name, databasePath, redis, sessions.ToString(CultureInfo.InvariantCulture), capacity.ToString(CultureInfo.InvariantCulture)]);
        var instance = new CircuitInstanceProcess(process);
        process.OutputDataReceived += (_, e) => instance.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                progress.WriteLine($"[instance 2] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ServerProcess.WaitUntilReadyAsync(process, instance._ready.Task, "The second instance's process", "opening its sessions", StartTimeout, ct);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>The instance's runtime counters now.</summary>
    public async Task<ProcessMark> MarkAsync(CancellationToken ct)
    {
        var parts = (await AskAsync("MARK", ct)).Split(' ');
        return new ProcessMark(new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc), long.Parse(parts[2], CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(double.Parse(parts[3], CultureInfo.InvariantCulture)), int.Parse(parts[4], CultureInfo.InvariantCulture),
            int.Parse(parts[5], CultureInfo.InvariantCulture), int.Parse(parts[6], CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(double.Parse(parts[7], CultureInfo.InvariantCulture)));
    }

    /// <summary>The collections the instance reported in its last dump that started within [<paramref name="from"/>, <paramref name="to"/>) (UTC).</summary>
    public GcWindow Collections(DateTime from, DateTime to) => new([.. _collections.Where(c => c.SuspendedAt >= from && c.SuspendedAt < to)]);

    /// <summary>
    /// Copies what the instance's sessions recorded so far into <paramref name="recorders"/> (by run index) and its router
    /// probes' times into <paramref name="registry"/>, mapping its event slots to the driver's by event id.
    /// </summary>
    public async Task AbsorbAsync(IReadOnlyDictionary<int, SessionRecorder> recorders, EventRegistry registry, CancellationToken ct)
    {
        var slots = new Dictionary<int, int>();
        _collections.Clear();
        Logs.Clear();
        await SendAsync("DUMP", ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReplyTimeout);
        while (await _replies.Reader.ReadAsync(timeout.Token) is var line && line != "END")
        {
            if (line.StartsWith("EVENT ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                if (registry.TryGet(Guid.Parse(parts[2]), out var record))
                {
                    slots[int.Parse(parts[1], CultureInfo.InvariantCulture)] = record.Slot;
                    registry.RouterFirst[1][record.Slot] = long.Parse(parts[3], CultureInfo.InvariantCulture);
                    registry.RouterLast[1][record.Slot] = long.Parse(parts[4], CultureInfo.InvariantCulture);
                }
            }
            else if (line.StartsWith("RECORD\t", StringComparison.Ordinal))
            {
                AbsorbRecord(line.Split('\t'), slots, recorders);
            }
            else if (line.StartsWith("GC ", StringComparison.Ordinal))
            {
                var p = line.Split(' ').Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                _collections.Add(new GcCollection(new DateTime(p[0], DateTimeKind.Utc), (int)p[1], TimeSpan.FromTicks(p[2]), TimeSpan.FromTicks(p[3]),
                    TimeSpan.FromTicks(p[4]), p[5]));
            }
            else if (line.StartsWith("LOG ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', 3);
                Logs[parts[2]] = int.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }
    }

    public async ValueTask DisposeAsync() => await ServerProcess.StopAsync(_process);

    // RECORD, index, audience, loads, duplicates, out of order, unexpected, session sequence, store sequence, slot:applied:dequeued list, name.
    private void AbsorbRecord(string[] fields, Dictionary<int, int> slots, IReadOnlyDictionary<int, SessionRecorder> recorders)
    {
        var index = int.Parse(fields[1], CultureInfo.InvariantCulture);
        if (!recorders.TryGetValue(index, out var recorder))
        {
            return;
        }

        recorder.Absorb(Enum.Parse<Visibility>(fields[2]), Int(fields[3]), Int(fields[4]), Int(fields[5]), Int(fields[6]));
        Final[index] = (fields[10], long.Parse(fields[7], CultureInfo.InvariantCulture), long.Parse(fields[8], CultureInfo.InvariantCulture));
        foreach (var entry in fields[9].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var times = entry.Split(':');
            if (slots.TryGetValue(Int(times[0]), out var slot))
            {
                recorder.Applied[slot] = long.Parse(times[1], CultureInfo.InvariantCulture);
                recorder.Dequeued[slot] = long.Parse(times[2], CultureInfo.InvariantCulture);
            }
        }

        static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
    }

    private async Task SendAsync(string command, CancellationToken ct)
    {
        await _process.StandardInput.WriteLineAsync(command.AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
    }

    /// <summary>Sends <paramref name="command"/> and returns the reply line that starts with it.</summary>
    private async Task<string> AskAsync(string command, CancellationToken ct)
    {
        await SendAsync(command, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReplyTimeout);
        while (true)
        {
            var reply = await _replies.Reader.ReadAsync(timeout.Token);
            if (reply.StartsWith(command + " ", StringComparison.Ordinal))
            {
                return reply;
            }
        }
    }

    private void OnOutput(string? line)
    {
        switch (line)
        {
            case null:
                return;
            case "READY":
                _ready.TrySetResult();
                return;
        }

        if (line.StartsWith("DELIVERED ", StringComparison.Ordinal))
        {
            Interlocked.Exchange(ref _delivered, long.Parse(line.AsSpan("DELIVERED ".Length), CultureInfo.InvariantCulture));
        }
        else
        {
            _replies.Writer.TryWrite(line);
        }
    }
}

/// <summary>A process's runtime counters at one moment (<see cref="CircuitInstanceProcess.MarkAsync"/>).</summary>
internal readonly record struct ProcessMark(DateTime Utc, long AllocatedBytes, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan Pause);

/// <summary>What the second instance's own process did during a phase.</summary>
internal sealed record InstanceProcessPhase(ProcessMark From, ProcessMark To, GcWindow Collections)
{
    public double CpuSeconds => (To.Cpu - From.Cpu).TotalSeconds;

    public long AllocatedBytes => To.AllocatedBytes - From.AllocatedBytes;

    public TimeSpan Pause => To.Pause - From.Pause;

    public string Generations => $"{To.Gen0 - From.Gen0} / {To.Gen1 - From.Gen1} / {To.Gen2 - From.Gen2}";
}
