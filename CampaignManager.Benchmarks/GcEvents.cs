using System.Diagnostics.Tracing;

namespace CampaignManager.Benchmarks;

/// <summary>
/// Every garbage collection of this process, from the runtime's own GC events (an in-process
/// <see cref="EventListener"/>, Informational level: no allocation ticks, so it costs next to nothing):
/// its generation, how long the threads were stopped, and the bytes it promoted. The phase tables use it
/// to say not only how much the GC paused but why: a pause grows with what survives it.
/// <para>
/// The runtime hands these events to the listener a moment after they happen, so read a window only
/// when the run is over (the report is).
/// </para>
/// </summary>
internal sealed class GcEvents : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    // Event ids of the runtime's GC events (ClrEtwAll.man).
    private const int GcStart = 1;
    private const int GcEnd = 2;
    private const int GcRestartEeEnd = 3;
    private const int GcHeapStats = 4;
    private const int GcSuspendEeEnd = 8;
    private const int GcSuspendEeBegin = 9;

    private readonly Lock _gate = new();
    private readonly List<GcCollection> _collections = [];
    private DateTime? _suspendedAt;
    private DateTime _stoppedAt;
    private DateTime _gcStartedAt;
    private TimeSpan _collecting;
    private int? _generation;
    private long _promoted;

    private GcEvents()
    {
    }

    /// <summary>The process's listener, started on first use (start it before what it should see).</summary>
    public static GcEvents Instance { get; } = new();

    /// <summary>The collections that started within [<paramref name="from"/>, <paramref name="to"/>) (UTC).</summary>
    public GcWindow Window(DateTime from, DateTime to)
    {
        lock (_gate)
        {
            return new GcWindow([.. _collections.Where(c => c.SuspendedAt >= from && c.SuspendedAt < to)]);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_gate)
        {
            switch (e.EventId)
            {
                case GcSuspendEeBegin:
                    (_suspendedAt, _generation, _promoted) = (e.TimeStamp, null, 0);
                    break;
                case GcSuspendEeEnd:
                    _stoppedAt = e.TimeStamp;
                    break;
                case GcStart:
                    _generation = Convert.ToInt32(Payload(e, "Depth"));
                    _gcStartedAt = e.TimeStamp;
                    break;
                case GcEnd:
                    _collecting = e.TimeStamp - _gcStartedAt;
                    break;
                case GcHeapStats:
                    // Bytes that survived out of gen 0, and out of gen 1 when it was collected too.
                    _promoted = Convert.ToInt64(Payload(e, "TotalPromotedSize0")) + Convert.ToInt64(Payload(e, "TotalPromotedSize1"));
                    break;
                case GcRestartEeEnd when _suspendedAt is { } suspendedAt && _generation is { } generation:
                    // A suspension without a GCStart (the runtime suspends for other reasons too) is not a collection.
                    _collections.Add(new GcCollection(suspendedAt, generation, e.TimeStamp - suspendedAt, _stoppedAt - suspendedAt, _collecting, _promoted));
                    (_suspendedAt, _generation) = (null, null);
                    break;
            }
        }
    }

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 && e.Payload is { } payload ? payload[index] : null;
    }
}

/// <param name="Pause">From the runtime starting to suspend the threads to their restart.</param>
/// <param name="Suspending">Of the pause: until every thread had stopped (on a busy machine, a thread must first get a core).</param>
/// <param name="Collecting">Of the pause: the collection itself (GCStart to GCEnd).</param>
/// <param name="Promoted">Bytes that survived the collection into an older generation.</param>
internal readonly record struct GcCollection(DateTime SuspendedAt, int Generation, TimeSpan Pause, TimeSpan Suspending, TimeSpan Collecting, long Promoted);

/// <summary>The collections of one phase.</summary>
internal sealed record GcWindow(IReadOnlyList<GcCollection> Collections)
{
    public static GcWindow Empty { get; } = new([]);

    /// <summary>The longest pause, in milliseconds (0 without collections).</summary>
    public double LongestPauseMilliseconds => Collections.Count == 0 ? 0 : Collections.Max(c => c.Pause.TotalMilliseconds);

    /// <summary>What a gen-0 collection promoted on average, in KB (null without one).</summary>
    public double? PromotedKilobytesPerGen0
    {
        get
        {
            var gen0 = Collections.Where(c => c.Generation == 0).ToList();
            return gen0.Count == 0 ? null : gen0.Average(c => c.Promoted) / 1024.0;
        }
    }
}

/// <summary>The GC's work in this process from a start to now: collections per generation and their total pause (counters), and the collections themselves (<see cref="GcEvents"/>).</summary>
internal readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan Pause, DateTime FromUtc, DateTime ToUtc)
{
    /// <summary>A mark to measure from (<see cref="Since"/>).</summary>
    public static GcActivity Now()
    {
        var now = DateTime.UtcNow;
        return new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), now, now);
    }

    public GcActivity Since(GcActivity start) =>
        new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Pause - start.Pause, start.ToUtc, ToUtc);

    /// <summary>Each collection of the span (complete only once the run is over: see <see cref="GcEvents"/>).</summary>
    public GcWindow Collections() => GcEvents.Instance.Window(FromUtc, ToUtc);
}
