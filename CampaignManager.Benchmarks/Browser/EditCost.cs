using System.Diagnostics;
using System.Globalization;
using CampaignManager.Benchmarks.Servers;

namespace CampaignManager.Benchmarks.Browser;

/// <summary>
/// What the measured edits cost the machine: CPU of Chromium (by kind of process) and of each app
/// instance between the first measured edit and the last, per edit, next to the wall time per edit.
/// With two cores the machine has 2 s of CPU per second; an edit whose work needs more than its share
/// queues behind the one before, which is what the latency percentiles then show.
/// </summary>
internal sealed class EditCost
{
    private Dictionary<string, double> _chromiumBefore = [];
    private double[] _appsBefore = [];
    private long _startedAt;
    private Dictionary<string, double>? _chromium;
    private double[] _apps = [];
    private double _wallSeconds;
    private int _edits;

    public void Start(IReadOnlyList<ServerProcess> apps)
    {
        _chromiumBefore = Chromium.CpuSeconds();
        _appsBefore = [.. apps.Select(a => a.CpuSeconds())];
        _startedAt = Stopwatch.GetTimestamp();
    }

    public void Stop(IReadOnlyList<ServerProcess> apps, int edits)
    {
        _wallSeconds = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var after = Chromium.CpuSeconds();
        _chromium = after.ToDictionary(kv => kv.Key, kv => kv.Value - _chromiumBefore.GetValueOrDefault(kv.Key));
        _apps = [.. apps.Select((a, i) => a.CpuSeconds() - _appsBefore[i])];
        _edits = edits;
    }

    /// <summary>One report line, or null when the run did not get through its measured edits.</summary>
    public string? Describe(int observingTabs)
    {
        if (_chromium is null || _edits == 0)
        {
            return null;
        }

        string Ms(double seconds) => (seconds * 1000 / _edits).ToString("#,0", CultureInfo.InvariantCulture);
        var chromium = _chromium.Values.Sum();
        var kinds = string.Join(", ", new[] { Chromium.Renderers, Chromium.GpuProcess, Chromium.BrowserAndUtilities }
            .Select(kind => $"{kind} {Ms(_chromium.GetValueOrDefault(kind))}"));
        var apps = string.Join(", ", _apps.Select((seconds, i) => $"instance {i + 1} {Ms(seconds)} ms"));
        var perTab = (chromium * 1000 / _edits / observingTabs).ToString("0", CultureInfo.InvariantCulture);
        return $"- CPU per measured edit (from /proc; Playwright's calls into the tabs included): Chromium {Ms(chromium)} ms " +
               $"({kinds}; {perTab} ms per observing tab if all of it is counted against the {observingTabs}), app {apps}; " +
               $"{Ms(_wallSeconds)} ms of wall time per edit, in which two cores have twice that.";
    }
}
