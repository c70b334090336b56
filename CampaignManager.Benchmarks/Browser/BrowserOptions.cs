namespace CampaignManager.Benchmarks.Browser;

/// <summary>The command line of the <c>browser</c> benchmark.</summary>
internal sealed class BrowserOptions
{
    public const string Scenario = "browser";

    public const string Usage = """
        Usage: dotnet run -c Release --project CampaignManager.Benchmarks -- browser [options]

        Headless Chromium tabs (Playwright, /usr/bin/chromium) on the demo campaign's page, split
        over two app instances (separate processes, one redis-server), each signed in as a demo
        user. The game master renames Tallowford in the first tab (instance 1); every other tab
        timestamps the moment its DOM shows the new name. Prints markdown tables to stdout.

        Options:
          --tabs T        tabs, the editing one included                       (default 10)
          --edits E       renames, measured one after the other                (default 30)
          --interval MS   start a rename every MS milliseconds; 0 starts each as soon as every
                          tab shows the one before (back to back)               (default 0)
          --timeout S     bound for the whole run in seconds                   (default 600)
          -h, --help      print this help

        Needs /usr/bin/chromium (apt-get install -y chromium) and redis-server.
        Exit codes: 0 finished (even over budget), 1 a tab missed an edit or a failure, 2 bad arguments.
        """;

    public int Tabs { get; private set; } = 10;

    public int Edits { get; private set; } = 30;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(600);

    /// <summary>Time from one rename's start to the next one's; zero runs them back to back.</summary>
    public TimeSpan Interval { get; private set; } = TimeSpan.Zero;

    public string CommandLine { get; private set; } = "";

    public static BrowserOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new BrowserOptions { CommandLine = string.Join(' ', args) };
        var ok = OptionReader.Read(args, new Dictionary<string, Func<string, string?>>
        {
            ["--tabs"] = v => OptionReader.Int("--tabs", v, 2, 100, n => options.Tabs = n),
            ["--edits"] = v => OptionReader.Int("--edits", v, 1, 1000, n => options.Edits = n),
            ["--interval"] = v => OptionReader.Int("--interval", v, 0, 60_000, n => options.Interval = TimeSpan.FromMilliseconds(n)),
            ["--timeout"] = v => OptionReader.Int("--timeout", v, 30, 7200, n => options.Timeout = TimeSpan.FromSeconds(n)),
        }, out error);
        return ok ? options : null;
    }
}
