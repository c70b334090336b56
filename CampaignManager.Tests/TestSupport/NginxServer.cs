using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace CampaignManager.Tests.TestSupport;

/// <summary>
/// A real <c>nginx</c> in front of two app instances on loopback, configured from the same template as
/// <c>scripts/run-several-instances.sh</c> (<c>deploy/nginx/campaignmanager.conf.template</c>): sticky sessions by the
/// <see cref="AffinityCookie"/> cookie, WebSockets, failover to the other instance. It listens on a free 127.0.0.1 port
/// and keeps its config, pid file, logs and temp files in a temporary directory of its own (nothing under /etc).
/// Killed, with its worker, on dispose. A missing nginx is a failure, never a skip: <c>bash scripts/test.sh</c> installs it.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    /// <summary>The cookie nginx sticks a browser to an instance with: <see cref="FirstInstance"/> or <see cref="SecondInstance"/>.</summary>
    public const string AffinityCookie = "cm_node";

    /// <summary>The response header naming the instance that answered.</summary>
    public const string InstanceHeader = "X-CampaignManager-Instance";

    public const string FirstInstance = "app1";
    public const string SecondInstance = "app2";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private const string Executable = "/usr/sbin/nginx";

    private readonly string _directory;
    private readonly Process _process;

    private NginxServer(string directory, int port, Process process)
    {
        _directory = directory;
        Port = port;
        _process = process;
    }

    public int Port { get; }

    /// <summary>Where browsers go, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseAddress => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The template of the repository rendered with these ports and run directory (what the script does with sed).</summary>
    public static string Render(int listenPort, int firstPort, int secondPort, string runDirectory)
    {
        var template = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "nginx", "campaignmanager.conf.template"));
        return template
            .Replace("{{LISTEN_PORT}}", listenPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{APP1_PORT}}", firstPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{APP2_PORT}}", secondPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{RUN_DIR}}", runDirectory, StringComparison.Ordinal);
    }

    /// <summary>
    /// Starts nginx in front of <paramref name="first"/> (<see cref="FirstInstance"/>) and <paramref name="second"/>
    /// (<see cref="SecondInstance"/>) and waits until it passes a request through.
    /// </summary>
    public static async Task<NginxServer> StartAsync(AppHost first, AppHost second, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"{Executable} was not found. Load-balancer tests use Debian's nginx and are never skipped: " +
                "run the tests with `bash scripts/test.sh` (it installs nginx) or `apt-get install -y nginx`.");
        }

        // Under $TMPDIR: scripts/test.sh kills an nginx whose pid file is still there after the run.
        var directory = Directory.CreateTempSubdirectory("cm-nginx-").FullName;
        // Workers run as "nobody" when the tests run as root; they must reach the temp folders.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }
        Directory.CreateDirectory(Path.Combine(directory, "temp"));
        var firstPort = new Uri(first.BaseAddress).Port;
        var secondPort = new Uri(second.BaseAddress).Port;

        Exception? lastFailure = null;
        // The free port can be taken by another process before nginx binds it: try a few.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort.Next();
            var config = Path.Combine(directory, "nginx.conf");
            await File.WriteAllTextAsync(config, Render(port, firstPort, secondPort, directory), cancellationToken);
            var process = Start(directory, config);
            var server = new NginxServer(directory, port, process);
            try
            {
                await server.WaitUntilServingAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException e)
            {
                lastFailure = e;
                await server.StopAsync();
            }
        }

        Directory.Delete(directory, recursive: true);
        throw new InvalidOperationException($"nginx could not be started after 5 attempts: {lastFailure?.Message}", lastFailure);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory is under the per-run TMPDIR that scripts/test.sh removes.
        }
    }

    private static Process Start(string directory, string config)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        // The template says "daemon off": nginx stays this process, its worker a child of it.
        foreach (var argument in new[] { "-p", directory, "-c", config, "-e", Path.Combine(directory, "error.log") })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"'{Executable}' did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode} while starting on port {Port}: {ErrorLog()}");
            }

            try
            {
                using var response = await client.GetAsync($"{BaseAddress}/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && response.Headers.Contains(InstanceHeader))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One attempt outlasted the client's 5 s (an app still starting on a loaded machine): try again until the deadline.
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new InvalidOperationException($"nginx on port {Port} did not pass a request through within {StartTimeout.TotalSeconds} s: {ErrorLog()}");
    }

    private async Task StopAsync()
    {
        try
        {
            // The master and its worker: a killed master alone would leave the worker holding the port.
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private string ErrorLog()
    {
        var path = Path.Combine(_directory, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no error log)";
    }
}
