using System.Diagnostics.Metrics;

namespace CampaignManager.Benchmarks.Servers;

/// <summary>
/// How many bytes Kestrel's memory pool holds free for reuse, from its own metric
/// (<c>aspnetcore.memory_pool.pooled</c>, an up-down counter of the <c>Microsoft.AspNetCore.MemoryPool</c> meter),
/// summed from the start of the server process. Those are 4 KB blocks that connections rented while they were
/// busy (opening) and gave back: the pool keeps them for the next burst and evicts them slowly (every 10 s, 1% while
/// there is traffic, 5% when there is none), so a memory snapshot soon after a burst of new connections counts
/// them although no connection holds them (a heap dump, 2026-12-07: every sampled new 4 KB block was in the pool's free queue).
/// </summary>
internal static class KestrelPoolMeter
{
    private const string MeterName = "Microsoft.AspNetCore.MemoryPool";
    private const string PooledInstrument = "aspnetcore.memory_pool.pooled";

    private static readonly MeterListener Listener = new();
    private static long _pooledBytes;
    private static int _started;

    public static long PooledBytes => Interlocked.Read(ref _pooledBytes);

    /// <summary>Starts listening; call before the server starts, so every block given back or taken is counted.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        Listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == PooledInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        Listener.SetMeasurementEventCallback<long>((_, delta, _, _) => Interlocked.Add(ref _pooledBytes, delta));
        Listener.Start();
    }
}
