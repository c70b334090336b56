using System.Globalization;

namespace CampaignManager.Benchmarks;

/// <summary>CPU time of processes on this machine, read from /proc (Linux; elsewhere the readings are empty).</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s.

    /// <summary>CPU seconds (user + system) process <paramref name="processId"/> used so far; 0 once it is gone.</summary>
    public static double Seconds(int processId) =>
        ReadStat(processId) is { } stat ? stat.CpuSeconds : 0;

    /// <summary>
    /// CPU seconds used so far by every descendant of this process whose executable lies under
    /// <paramref name="executableDirectory"/>, summed per <paramref name="group"/> of its command line
    /// (for Chromium: the browser, its renderers, its GPU process). A process that exited since an
    /// earlier reading drops out of the sums, so compare readings of processes that live through both.
    /// </summary>
    public static Dictionary<string, double> OfDescendants(string executableDirectory, Func<string, string> group)
    {
        var parents = new Dictionary<int, int>();
        var stats = new Dictionary<int, Stat>();
        foreach (var directory in SafeEnumerate())
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ReadStat(id) is { } stat)
            {
                parents[id] = stat.ParentId;
                stats[id] = stat;
            }
        }

        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, stat) in stats)
        {
            if (IsDescendantOfThisProcess(id, parents) && Executable(id)?.StartsWith(executableDirectory, StringComparison.Ordinal) == true)
            {
                var key = group(CommandLine(id));
                sums[key] = sums.GetValueOrDefault(key) + stat.CpuSeconds;
            }
        }

        return sums;
    }

    private static bool IsDescendantOfThisProcess(int id, Dictionary<int, int> parents)
    {
        var self = Environment.ProcessId;
        for (var hops = 0; hops < 64 && parents.TryGetValue(id, out var parent); hops++)
        {
            if (parent == self)
            {
                return true;
            }

            id = parent;
        }

        return false;
    }

    private static IEnumerable<string> SafeEnumerate()
    {
        try
        {
            return Directory.EnumerateDirectories("/proc").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static Stat? ReadStat(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // Fields after the command name in parentheses: state is field 3, ppid 4, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new Stat(parent, (user + system) / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // gone between the listing and the read, or not ours to read
        }
    }

    private static string? Executable(int processId)
    {
        try
        {
            return new FileInfo($"/proc/{processId}/exe").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string CommandLine(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private readonly record struct Stat(int ParentId, double CpuSeconds);
}
