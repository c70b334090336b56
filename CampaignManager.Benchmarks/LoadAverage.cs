namespace CampaignManager.Benchmarks;

/// <summary>The machine's 1-minute load average (other work competes for its cores), for every report.</summary>
internal static class LoadAverage
{
    /// <summary>The 1-minute load average from /proc/loadavg (Linux), or "n/a".</summary>
    public static string Now()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
