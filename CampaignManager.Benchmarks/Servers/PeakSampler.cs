namespace CampaignManager.Benchmarks.Servers;

/// <summary>Samples the RSS of some server processes every 100 ms until disposed, keeping each one's peak.</summary>
internal sealed class PeakSampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly IReadOnlyList<ServerProcess> _servers;
    private readonly long[] _peaks;
    private readonly Timer _timer;

    public PeakSampler(IReadOnlyList<ServerProcess> servers)
    {
        _servers = servers;
        _peaks = new long[servers.Count];
        Sample();
        _timer = new Timer(_ => Sample(), null, Interval, Interval);
    }

    public long Peak(int server)
    {
        Sample();
        return Interlocked.Read(ref _peaks[server]);
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        for (var i = 0; i < _servers.Count; i++)
        {
            try
            {
                var rss = _servers[i].ResidentBytes();
                long peak;
                do
                {
                    peak = Interlocked.Read(ref _peaks[i]);
                }
                while (rss > peak && Interlocked.CompareExchange(ref _peaks[i], rss, peak) != peak);
            }
            catch (IOException)
            {
                // The process ended.
            }
        }
    }
}
