using System.Diagnostics;
using System.Globalization;
using System.Text;
using CampaignManager.Benchmarks.Hub;
using CampaignManager.Benchmarks.Servers;
using Microsoft.Playwright;

namespace CampaignManager.Benchmarks.Browser;

/// <summary>
/// Edit in one tab → the DOM of every other tab shows it. Times are read in the pages, on the browser's
/// clock: <c>performance.timeOrigin + performance.now()</c> (milliseconds since the epoch with sub-millisecond
/// resolution; every tab of the one Chromium process derives it from the same system clock), stamped by
/// a capturing click listener on the Save button in the editing tab and by a MutationObserver in each
/// other tab the moment the settlements table shows the new name.
/// </summary>
internal sealed class BrowserBenchmark(BrowserOptions options, TextWriter progress)
{
    public const double BudgetP95Milliseconds = 100;
    private const int WarmupEdits = 3;
    private static readonly string[] Names = ["Tallowford Crossing", "Tallowford"];
    private static readonly string[] Users = ["gm@example.com", "oskar@example.com", "tamsin@example.com", "idris@example.com"];

    private const string WatchScript = """
        (name) => {
          const found = () => {
            const table = document.querySelector('[data-testid="settlements-table"]');
            return !!table && [...table.querySelectorAll('a')].some(a => a.textContent.trim() === name);
          };
          window.__seen = new Promise(resolve => {
            if (found()) { resolve(-1); return; }
            const observer = new MutationObserver(() => {
              if (found()) { observer.disconnect(); resolve(performance.timeOrigin + performance.now()); }
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          });
        }
        """;

    private const string StampSaveScript = """
        () => {
          window.__saveAt = 0;
          if (window.__stamping) return;
          window.__stamping = true;
          document.addEventListener('click', e => {
            const button = e.target.closest && e.target.closest('button');
            if (button && button.closest('[role="dialog"]') && button.textContent.trim() === 'Save') {
              window.__saveAt = performance.timeOrigin + performance.now();
            }
          }, { capture: true });
        }
        """;

    private const string SeenScript = "() => Promise.race([window.__seen, new Promise(r => setTimeout(() => r(0), 20000))])";

    public RedisServer? Redis { get; private set; }

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var others = new List<(int Tab, int Instance, double Ms)>();
        var own = new List<double>();
        var missed = 0;
        var load = LoadAverage.Now();
        var browserVersion = "";
        var redisVersion = "";
        var tabs = new List<(IPage Page, int Instance, string User)>();
        var cost = new EditCost();
        var failure = await BoundedRun.RunAsync(stop, options.Timeout, async ct =>
        {
            progress.WriteLine("[bench] starting redis-server and two app instances…");
            await using var pair = await AppPair.StartAsync(progress, r => Redis = r, ct);
            redisVersion = pair.Redis.Version;
            string campaignId;
            using (var api = await AppTarget.CreateAsync(pair.Apps, ct))
            {
                campaignId = api.CampaignId;
            }

            await using var chromium = await Chromium.LaunchAsync();
            browserVersion = chromium.Version;
            for (var i = 0; i < options.Tabs; i++)
            {
                // The editor: the game master on instance 1; the others alternate instances and users.
                var instance = i == 0 ? 0 : i % 2;
                var user = Users[i % Users.Length];
                progress.WriteLine($"[bench] tab {i + 1}: {user} on instance {instance + 1}…");
                tabs.Add((await chromium.OpenCampaignAsync(pair.Apps[instance].BaseAddress, user, campaignId).WaitAsync(ct), instance, user));
            }

            var editor = tabs[0].Page;
            var current = "Tallowford";
            for (var edit = 0; edit < WarmupEdits + options.Edits; edit++)
            {
                var name = Names[edit % Names.Length];
                if (edit == WarmupEdits)
                {
                    cost.Start(pair.Apps);
                }

                var editStarted = Stopwatch.GetTimestamp();
                progress.WriteLine($"[bench] edit {edit + 1}{(edit < WarmupEdits ? " (warm-up)" : "")}: {current} → {name}");
                await Task.WhenAll(tabs.Select(t => t.Page.EvaluateAsync(WatchScript, name)));
                await editor.EvaluateAsync(StampSaveScript);
                await editor.GetByTestId("settlements-table").GetByRole(AriaRole.Button, new() { Name = $"Edit {current}", Exact = true }).ClickAsync();
                var dialog = editor.GetByRole(AriaRole.Dialog);
                await dialog.WaitForAsync();
                await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
                await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
                var seen = await Task.WhenAll(tabs.Select(t => t.Page.EvaluateAsync<double>(SeenScript)));
                await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
                var saveAt = await editor.EvaluateAsync<double>("() => window.__saveAt");
                current = name;
                if (options.Interval - Stopwatch.GetElapsedTime(editStarted) is { Ticks: > 0 } rest)
                {
                    await Task.Delay(rest, ct);
                }

                if (edit < WarmupEdits)
                {
                    continue;
                }

                for (var i = 0; i < tabs.Count; i++)
                {
                    if (seen[i] <= 0 || saveAt <= 0)
                    {
                        missed++;
                        continue;
                    }

                    if (i == 0)
                    {
                        own.Add(seen[i] - saveAt);
                    }
                    else
                    {
                        others.Add((i, tabs[i].Instance, seen[i] - saveAt));
                    }
                }

                ct.ThrowIfCancellationRequested();
            }

            cost.Stop(pair.Apps, options.Edits);
        });

        Console.Out.Write(Report(others, own, missed, failure, tabs, cost, load, browserVersion, redisVersion, clock.Elapsed));
        Console.Out.Flush();
        return failure is null && missed == 0 && others.Count > 0 ? 0 : 1;
    }

    private string Report(List<(int Tab, int Instance, double Ms)> others, List<double> own, int missed, string? failure,
        List<(IPage Page, int Instance, string User)> tabs, EditCost cost, string load, string browserVersion, string redisVersion, TimeSpan wall)
    {
        var md = new StringBuilder();
        var line = (string text) => md.Append(text).Append('\n');
        var all = Distribution.Of([.. others.Select(o => o.Ms)]);
        line("");
        line($"## Browser: an edit in one tab → the DOM of the other {options.Tabs - 1} tabs, 2 instances");
        line("");
        line(BoundedRun.Heading(options.CommandLine, $"Chromium {browserVersion}, {redisVersion}, {AppEnvironment.Describe(forChildren: true)} in the app processes"));
        line($"Settings: {options.Tabs} tabs ({string.Join(", ", tabs.Select((t, i) => $"{i + 1}: {t.User.Split('@')[0]} on {t.Instance + 1}"))}), " +
             $"{options.Edits} measured renames after {WarmupEdits} warm-up ones, by the game master in tab 1 (instance 1), " +
             (options.Interval > TimeSpan.Zero
                ? $"one started every {options.Interval.TotalMilliseconds:0} ms."
                : "each started as soon as every tab showed the one before (back to back)."));
        line("");
        line("| save click → DOM shows the new name | samples | p50 ms | p95 ms | p99 ms | max ms |");
        line("|---|---:|---:|---:|---:|---:|");
        Row(line, $"the other {options.Tabs - 1} tabs", all);
        Row(line, "  of them on instance 1 (the editor's)", Distribution.Of([.. others.Where(o => o.Instance == 0).Select(o => o.Ms)]));
        Row(line, "  of them on instance 2 (through Redis)", Distribution.Of([.. others.Where(o => o.Instance == 1).Select(o => o.Ms)]));
        Row(line, "the editing tab itself", Distribution.Of(own));
        line("");
        var p95 = all.Percentile(95);
        line($"- Budget (other tabs p95 ≤ {BudgetP95Milliseconds} ms): {Distribution.Format(p95)} ms — {(double.IsNaN(p95) ? "no data" : p95 <= BudgetP95Milliseconds ? "met" : "missed")}.");
        line($"- Tabs that did not show an edit within 20 s: {missed}.");
        if (cost.Describe(options.Tabs - 1) is { } costLine)
        {
            line(costLine);
        }

        line($"- Whole run: {wall.TotalSeconds:0} s. Load average (1 min) at the start: {load}, at the end: {LoadAverage.Now()}.");
        if (failure is not null)
        {
            line($"- Result: FAILED: {failure}.");
        }

        line("");
        return md.ToString();
    }

    private static void Row(Func<string, StringBuilder> line, string name, Distribution d) =>
        line(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {d.Count} | {Distribution.Format(d.Percentile(50))} | {Distribution.Format(d.Percentile(95))} | {Distribution.Format(d.Percentile(99))} | {Distribution.Format(d.Max)} |"));
}
