using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace CampaignManager.Benchmarks.Servers;

/// <summary>
/// One server (the app or the bare hub) in a child process of this benchmark, started as
/// <c>&lt;this program&gt; serve …</c> (see <see cref="ServeCommand"/>): its base address, its commit
/// stamps, its CPU time and RSS from /proc, and a full GC on request. Killed on dispose.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _ask = new(1, 1);
    private int _warnings;
    private int _errors;

    private ServerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public string BaseAddress { get; private set; } = "";

    public int ProcessId => _process.Id;

    /// <summary>Every COMMIT line's event, by audience and sequence: its monotonic timestamp.</summary>
    public ConcurrentDictionary<(string Audience, long Sequence), long> Commits { get; } = new();

    /// <summary>The size of the last committed envelope (bytes of JSON).</summary>
    public int LastEnvelopeBytes { get; private set; }

    public int Warnings => Volatile.Read(ref _warnings);

    public int Errors => Volatile.Read(ref _errors);

    /// <summary>Starts <c>serve &lt;arguments&gt;</c> and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string name, IReadOnlyList<string> arguments, TextWriter progress, CancellationToken ct)
    {
        var process = StartSelf(name, [ServeCommand.Name, .. arguments]);
        var server = new ServerProcess(name, process);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnError(e.Data, progress);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitUntilReadyAsync(process, server._ready.Task, name, "starting", StartTimeout, ct);
            server.BaseAddress = await server._ready.Task;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>CPU seconds (user + system) the process used so far.</summary>
    public double CpuSeconds() => ProcessCpu.Seconds(ProcessId);

    /// <summary>Resident set size now, in bytes (VmRSS).</summary>
    public long ResidentBytes() => StatusKilobytes("VmRSS:") * 1024;

    /// <summary>A full, compacting collection in the server, then its RSS, managed heap and what holds the RSS.</summary>
    public async Task<MemorySnapshot> CollectAsync(CancellationToken ct) =>
        MemorySnapshot.FromLine(await AskAsync("GC", "MEM ", ct));

    /// <summary>Open circuits, hub connections and Kestrel connections the server counts, and the methods its JIT compiled so far.</summary>
    public async Task<ServerStats> StatsAsync(CancellationToken ct)
    {
        var parts = (await AskAsync("STATS", "STATS ", ct)).Split(' ');
        return new ServerStats(int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync() => await StopAsync(_process);

    /// <summary>
    /// Waits for <paramref name="ready"/> (the child said so on stdout); throws, naming <paramref name="name"/> and what it
    /// was <paramref name="doing"/>, when the child exits first or <paramref name="bound"/> passes.
    /// </summary>
    internal static async Task WaitUntilReadyAsync(Process process, Task ready, string name, string doing, TimeSpan bound, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(bound);
        var exited = process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(ready, exited) != ready)
        {
            ct.ThrowIfCancellationRequested();
            throw new BenchmarkSetupException(process.HasExited
                ? $"{name} exited with code {process.ExitCode} while {doing} (its log is above)."
                : $"{name} was still {doing} after {bound.TotalSeconds:0} s.");
        }
    }

    /// <summary>Starts this program again with <paramref name="arguments"/>, its standard streams redirected.</summary>
    internal static Process StartSelf(string name, IEnumerable<string> arguments)
    {
        var start = SelfStartInfo();
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
    }

    /// <summary>Closes the child's stdin, which asks it to stop; kills what has not stopped within a few seconds.</summary>
    internal static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(8));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // Exited in between.
        }

        process.Dispose();
    }

    /// <summary>The runtime's switch for running socket completions on the epoll threads (the load client sets it).</summary>
    public const string InlineSocketCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>How to start this program again: its apphost, or <c>dotnet &lt;dll&gt;</c> when run that way.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable is unknown.");
        var start = new ProcessStartInfo(path);
        // Servers run as in production: the app's code must not run on the epoll threads, and the runtime
        // and glibc get the settings the README's deployment notes give (unless the caller chose others).
        start.Environment.Remove(InlineSocketCompletions);
        foreach (var (name, value) in AppEnvironment.Defaults)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                start.Environment[name] = value;
            }
        }
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        return start;
    }

    private long StatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private async Task<string> AskAsync(string command, string replyPrefix, CancellationToken ct)
    {
        await _ask.WaitAsync(ct);
        try
        {
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), ct);
            await _process.StandardInput.FlushAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (true)
            {
                var reply = await _replies.Reader.ReadAsync(timeout.Token);
                if (reply.StartsWith(replyPrefix, StringComparison.Ordinal))
                {
                    return reply;
                }
            }
        }
        finally
        {
            _ask.Release();
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("COMMIT ", StringComparison.Ordinal))
        {
            var parts = line.Split(' ');
            var sequence = long.Parse(parts[2], CultureInfo.InvariantCulture);
            Commits[(parts[1], sequence)] = long.Parse(parts[3], CultureInfo.InvariantCulture);
            LastEnvelopeBytes = int.Parse(parts[4], CultureInfo.InvariantCulture);
        }
        else if (line.StartsWith("READY ", StringComparison.Ordinal))
        {
            _ready.TrySetResult(line["READY ".Length..]);
        }
        else
        {
            _replies.Writer.TryWrite(line);
        }
    }

    private void OnError(string? line, TextWriter progress)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("warn:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _warnings);
        }
        else if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _errors);
        }

        progress.WriteLine($"[{Name}] {line}");
    }
}
