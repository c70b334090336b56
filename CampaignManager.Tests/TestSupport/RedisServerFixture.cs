using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CampaignManager.Tests.TestSupport;

/// <summary>
/// A real <c>redis-server</c> on a free 127.0.0.1 port, without persistence, in its own temporary directory.
/// Started by <see cref="InitializeAsync"/> (xunit does this for class and collection fixtures), killed on dispose.
/// <see cref="StopAsync"/> / <see cref="StartAsync"/> take it down and bring it back on the same port, for outage tests.
/// A missing <c>redis-server</c> is a failure, never a skip: <c>bash scripts/test.sh</c> installs it.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _output = new();
    private readonly string _directory;
    private Process? _process;
    private bool _disposed;

    public RedisServerFixture()
    {
        // Under $TMPDIR: scripts/test.sh points TMPDIR at a per-run directory and, after the run, kills any
        // redis-server whose pid file is still there (a crashed test process cannot dispose its fixtures).
        _directory = Directory.CreateTempSubdirectory("cm-redis-").FullName;
    }

    /// <summary>The TCP port, fixed for the fixture's lifetime (also across <see cref="StopAsync"/>/<see cref="StartAsync"/>).</summary>
    public int Port { get; private set; }

    /// <summary>StackExchange.Redis style connection string: <c>127.0.0.1:PORT</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Whether the server process is running (it may still be starting).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the server on a free port and waits until it answers PING.</summary>
    public async ValueTask InitializeAsync() => await StartAsync();

    /// <summary>
    /// Starts the server (first call: on a free port; later calls: on the same <see cref="Port"/>) and waits until
    /// it answers PING. Does nothing if it is already running.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning)
            {
                return;
            }

            var executable = FindRedisServer();
            var firstStart = Port == 0;
            Exception? lastFailure = null;

            // The first start may race another process for the free port, so it tries a few ports.
            // A restart must keep its port (clients reconnect to it), so it only retries that port briefly.
            for (var attempt = 0; attempt < 5; attempt++)
            {
                if (firstStart)
                {
                    Port = FreePort.Next();
                }

                try
                {
                    await StartProcessAsync(executable, cancellationToken);
                    return;
                }
                catch (RedisStartException e)
                {
                    lastFailure = e;
                    KillProcess()?.Dispose();
                    if (!firstStart)
                    {
                        await Task.Delay(200, cancellationToken);
                    }
                }
            }

            throw new InvalidOperationException(
                $"redis-server could not be started on 127.0.0.1:{Port} after 5 attempts: {lastFailure?.Message}",
                lastFailure);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the server (like a crash: no SHUTDOWN, clients see the connection drop). The port stays reserved for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var process = KillProcess();
            if (process is not null)
            {
                await process.WaitForExitAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends PING; true if the server answered PONG, false if it is down or not answering.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await ExecuteAsync(["PING"], cancellationToken) == "PONG";
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    /// <summary>
    /// Runs one command over a fresh connection and returns the reply as text: simple strings without the <c>+</c>,
    /// integers as digits, bulk strings as their content, nil as <c>null</c>, arrays as their items joined by
    /// <c>\n</c>. An error reply throws <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <example><c>await redis.ExecuteAsync(["SET", "key", "value"], ct)</c></example>
    public async Task<string?> ExecuteAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            await using var stream = client.GetStream();

            var request = new StringBuilder().Append('*').Append(command.Count).Append("\r\n");
            foreach (var part in command)
            {
                request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);
            await using var buffered = new BufferedStream(stream);
            return await ReadReplyAsync(buffered, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"redis-server on {ConnectionString} did not answer {command[0]} within {CommandTimeout.TotalSeconds} s.");
        }
    }

    /// <summary>Kills the server and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await StopAsync();
        _disposed = true;
        _gate.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory is under the per-run TMPDIR that scripts/test.sh removes.
        }
    }

    private async Task StartProcessAsync(string executable, CancellationToken cancellationToken)
    {
        lock (_output)
        {
            _output.Clear();
        }

        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(CultureInfo.InvariantCulture),
                     "--bind", "127.0.0.1",
                     "--save", "",
                     "--appendonly", "no",
                     "--dir", _directory,
                     "--daemonize", "no",
                     "--logfile", "",
                     "--loglevel", "warning",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        if (!process.Start())
        {
            throw new RedisStartException($"'{executable}' did not start.");
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await File.WriteAllTextAsync(Path.Combine(_directory, "redis.pid"), process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new RedisStartException($"redis-server exited with code {process.ExitCode} while starting on port {Port}. Output:\n{Output()}");
            }

            if (await PingAsync(cancellationToken))
            {
                // The port answered; make sure it is our process and not someone else's server on a reused port.
                var info = await ExecuteAsync(["INFO", "server"], cancellationToken) ?? "";
                if (info.Contains($"process_id:{process.Id}\r", StringComparison.Ordinal)
                    || info.Contains($"process_id:{process.Id}\n", StringComparison.Ordinal))
                {
                    return;
                }

                throw new RedisStartException($"Port {Port} is answered by another redis-server, not by pid {process.Id}.");
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new RedisStartException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s. Output:\n{Output()}");
    }

    private Process? KillProcess()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return null;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }

        File.Delete(Path.Combine(_directory, "redis.pid"));
        return process;
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string FindRedisServer()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "redis-server was not found on PATH. Integration tests need a real Redis and are never skipped: " +
            "run the tests with `bash scripts/test.sh` (it installs redis-server) or `apt-get install -y redis-server`.");
    }

    private static async Task<string?> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(stream, cancellationToken);
        if (line.Length == 0)
        {
            throw new IOException("redis-server sent an empty reply line.");
        }

        var payload = line[1..];
        switch (line[0])
        {
            case '+':
            case ':':
                return payload;
            case '-':
                throw new InvalidOperationException($"redis-server replied with an error: {payload}");
            case '$':
                var length = int.Parse(payload, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var bulk = new byte[length + 2];
                await stream.ReadExactlyAsync(bulk, cancellationToken);
                return Encoding.UTF8.GetString(bulk, 0, length);
            case '*':
                var count = int.Parse(payload, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new List<string?>(count);
                for (var i = 0; i < count; i++)
                {
                    items.Add(await ReadReplyAsync(stream, cancellationToken));
                }

                return string.Join('\n', items);
            default:
                throw new IOException($"Unexpected RESP reply: {line}");
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("redis-server closed the connection before replying.");
            }

            if (one[0] == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                return Encoding.UTF8.GetString(bytes.ToArray(), 0, bytes.Count - 1);
            }

            bytes.Add(one[0]);
        }
    }

    private sealed class RedisStartException(string message) : Exception(message);
}
