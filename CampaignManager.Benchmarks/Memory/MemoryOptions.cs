using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CampaignManager.Benchmarks.Memory;

/// <summary>The command line of the <c>memory</c> benchmark.</summary>
internal sealed class MemoryOptions
{
    public const string Scenario = "memory";

    public const string Usage = """
        Usage: dotnet run -c Release --project CampaignManager.Benchmarks -- memory [options]

        Server memory per idle hub connection and per idle circuit: two app instances (separate
        processes, one redis-server) measured after a full GC before and after opening the
        connections (subscribed to the demo campaign) or the headless Chromium tabs (signed in, on
        the demo campaign's page); the difference divided by the count. Fresh servers for each part.

        Options:
          --connections C hub connections, split over both instances           (default 1000)
          --tabs T        Chromium tabs, split over both instances              (default 50)
          --warm W        tabs per instance opened and left open before the first
                          measurement (default 3; first-use caches fill in them)
          --warm-max M    then more tabs per instance, opened and closed in rounds of 4
                          until a round compiles fewer than 40 methods on each instance
                          (the JIT's tiering is the process's, not the tabs'), at most
                          M in all (default 83: 3 + 20 rounds; --warm-max 0: no rounds)
          --warm-rounds R hub part: after 50 connections per instance left open, at most
                          R rounds of 50 per instance opened, subscribed and closed, each
                          followed by a 2-s pause, until a round compiles fewer than 40
                          methods on each instance (default 20; 0: no rounds)
          --keep-alive K  Kestrel's keep-alive timeout of both instances in seconds (default
                          5; 0: Kestrel's own 130 s). Each snapshot waits K + 2 s first, so
                          that the HTTP/1.1 connections a tab used for its page load and
                          sign-in, and that Chromium keeps open, have been closed by the
                          server, as they are for any tab idle longer than the timeout:
                          what is measured is the circuit, not the browser's idle sockets
          --timeout S     bound for the whole run in seconds                   (default 1800)
          -h, --help      print this help

        Needs /usr/bin/chromium and redis-server. Exit codes: 0 finished (even over budget),
        1 a failure, 2 bad arguments.
        """;

    public int Connections { get; private set; } = 1000;

    public int Tabs { get; private set; } = 50;

    public int WarmTabs { get; private set; } = 3;

    public int MaxWarmTabs { get; private set; } = 83;

    public int MaxWarmHubRounds { get; private set; } = 20;

    public int KeepAliveSeconds { get; private set; } = 5;

    /// <summary>The instances' keep-alive timeout: <see cref="KeepAliveSeconds"/>, or Kestrel's own default for 0.</summary>
    public TimeSpan KeepAlive => KeepAliveSeconds > 0 ? TimeSpan.FromSeconds(KeepAliveSeconds) : new KestrelServerLimits().KeepAliveTimeout;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(1800);

    public string CommandLine { get; private set; } = "";

    public static MemoryOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new MemoryOptions { CommandLine = string.Join(' ', args) };
        var ok = OptionReader.Read(args, new Dictionary<string, Func<string, string?>>
        {
            ["--connections"] = v => OptionReader.Int("--connections", v, 0, 20_000, n => options.Connections = n),
            ["--tabs"] = v => OptionReader.Int("--tabs", v, 0, 200, n => options.Tabs = n),
            ["--warm"] = v => OptionReader.Int("--warm", v, 1, 20, n => options.WarmTabs = n),
            ["--warm-max"] = v => OptionReader.Int("--warm-max", v, 0, 400, n => options.MaxWarmTabs = n),
            ["--warm-rounds"] = v => OptionReader.Int("--warm-rounds", v, 0, 100, n => options.MaxWarmHubRounds = n),
            ["--keep-alive"] = v => OptionReader.Int("--keep-alive", v, 0, 600, n => options.KeepAliveSeconds = n),
            ["--timeout"] = v => OptionReader.Int("--timeout", v, 30, 7200, n => options.Timeout = TimeSpan.FromSeconds(n)),
        }, out error);
        return ok ? options : null;
    }
}
