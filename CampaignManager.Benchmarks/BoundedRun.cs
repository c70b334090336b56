using System.Runtime.InteropServices;

namespace CampaignManager.Benchmarks;

/// <summary>The frame every benchmark of child processes shares: its time bound, its failure text, and its report heading.</summary>
internal static class BoundedRun
{
    /// <summary>
    /// Runs <paramref name="body"/> until it ends or 45 s before <paramref name="timeout"/> (time to report and clean up).
    /// Returns null when it finished, else why not.
    /// </summary>
    public static async Task<string?> RunAsync(CancellationToken stop, TimeSpan timeout, Func<CancellationToken, Task> body)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stop);
        run.CancelAfter(timeout - TimeSpan.FromSeconds(45));
        try
        {
            await body(run.Token);
            return null;
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            return stop.IsCancellationRequested ? "stopped" : $"did not finish within {timeout.TotalSeconds:0} s";
        }
        catch (BenchmarkSetupException e)
        {
            return e.Message;
        }
        catch (Exception e)
        {
            return $"failed: {e}";
        }
    }

    /// <summary>The report's command and machine lines (markdown, two trailing spaces = line break).</summary>
    public static string Heading(string commandLine, string software) =>
        $"Command: `dotnet run -c Release --project CampaignManager.Benchmarks -- {commandLine}`  \n" +
        $"Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} cores, {BenchmarkReport.TotalMemory()}, " +
        $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {software}.  ";
}
