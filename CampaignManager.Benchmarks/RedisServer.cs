using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CampaignManager.Benchmarks;

/// <summary>
/// A private <c>redis-server</c> on a free 127.0.0.1 port, without persistence, in a directory of
/// its own; killed on dispose. (The same idea as the tests' RedisServerFixture, without xunit.)
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;

    private RedisServer(Process process, int port, string version)
    {
        _process = process;
        Port = port;
        Version = version;
    }

    public int Port { get; }

    /// <summary>What <c>redis-server --version</c> says, e.g. <c>Redis server v=7.0.15 …</c>.</summary>
    public string Version { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync(string directory, CancellationToken ct)
    {
        var executable = Find();
        var version = (await RunAsync(executable, "--version", ct)).Trim();
        Exception? last = null;
        // A free port can be taken by someone else before redis binds it: try a few.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            var process = Start(executable, port, directory);
            try
            {
                await WaitUntilAnswersAsync(process, port, ct);
                return new RedisServer(process, port, version);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
                Kill(process);
            }
        }

        throw new InvalidOperationException($"redis-server could not be started: {last?.Message}", last);
    }

    public ValueTask DisposeAsync()
    {
        Kill(_process);
        return ValueTask.CompletedTask;
    }

    /// <summary>Kills the server at once (also usable from a watchdog or process-exit handler).</summary>
    public void Kill() => Kill(_process);

    private static string Find()
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

        throw new BenchmarkSetupException("redis-server was not found on PATH. Install it (apt-get install -y redis-server) and run again.");
    }

    private static Process Start(string executable, int port, string directory)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
                 {
                     "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--dir", directory,
                     "--daemonize", "no", "--logfile", "", "--loglevel", "warning",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"'{executable}' did not start.");
        // Drain its output so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAnswersAsync(Process process, int port, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} while starting on port {port}.");
            }

            if (await AskAsync(port, "PING", ct) is { } pong && pong.StartsWith("+PONG", StringComparison.Ordinal))
            {
                // The port answered; make sure it is our server, not someone else's on a reused port.
                var info = await AskAsync(port, "INFO server", ct) ?? "";
                if (info.Contains($"process_id:{process.Id.ToString(CultureInfo.InvariantCulture)}\r", StringComparison.Ordinal))
                {
                    return;
                }

                throw new InvalidOperationException($"Port {port} is answered by another redis-server.");
            }

            await Task.Delay(25, ct);
        }

        throw new InvalidOperationException($"redis-server did not answer PING on port {port} within {StartTimeout.TotalSeconds} s.");
    }

    /// <summary>Sends one inline command and returns the raw reply (null when nobody answers).</summary>
    private static async Task<string?> AskAsync(int port, string command, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), timeout.Token);
            var reply = new StringBuilder();
            var buffer = new byte[4096];
            // A simple or error reply is one line; a bulk reply ($len) is complete once len bytes arrived.
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return reply.ToString();
                }

                reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
                var text = reply.ToString();
                var firstLine = text.IndexOf("\r\n", StringComparison.Ordinal);
                if (firstLine < 0)
                {
                    continue;
                }

                if (text[0] != '$')
                {
                    return text;
                }

                var length = int.Parse(text.AsSpan(1, firstLine - 1), CultureInfo.InvariantCulture);
                if (Encoding.UTF8.GetByteCount(text) - firstLine - 2 >= length)
                {
                    return text;
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<string> RunAsync(string executable, string argument, CancellationToken ct)
    {
        var start = new ProcessStartInfo(executable, argument) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{executable}' did not start.");
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return output;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }
    }
}
