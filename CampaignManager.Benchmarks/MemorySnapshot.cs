using System.Globalization;

namespace CampaignManager.Benchmarks;

/// <summary>
/// Process memory after full, compacting collections, the last of them aggressive (the GC also gives its free
/// committed memory back: without that, a "before" that held free memory a warm-up had left let the items'
/// objects fill it, and their RSS read 17 KB for 30 KB of objects per hub connection): the resident set and the
/// managed heap, and the resident set split by what holds it, so a per-item growth can be told apart:
/// <see cref="GcCommittedBytes"/> (what the GC keeps committed, live objects and its reserves),
/// <see cref="CodeBytes"/> (the JIT's code and stubs, which the runtime maps through a
/// <c>memfd:doublemapper</c> file), and <see cref="OtherAnonymousBytes"/> (native allocations: malloc
/// arenas such as zlib's or SQLite's, thread stacks, Kestrel's pinned buffers). The rest of the RSS is
/// mapped files (assemblies, ICU). The splits read <c>/proc/self/smaps</c>; elsewhere they are 0.
/// <see cref="JitMethods"/> is how many methods the JIT has compiled so far: code is never freed, so a
/// growth of <see cref="CodeBytes"/> between two snapshots is only the items' own if the JIT compiled
/// for them, not for its tiering of hot methods (which happens once per process).
/// <see cref="PooledBytes"/> is what Kestrel's memory pool holds free (<see cref="Servers.KestrelPoolMeter"/>): live
/// objects on the pinned heap, part of the managed heap and the RSS, that no connection holds.
/// </summary>
internal sealed record MemorySnapshot(long ResidentBytes, long ManagedBytes, long GcCommittedBytes = 0, long CodeBytes = 0, long OtherAnonymousBytes = 0,
    long JitMethods = 0, long PooledBytes = 0)
{
    public static MemorySnapshot Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var committed = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes;
        var (anonymous, code) = ReadMappings();
        return new MemorySnapshot(Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false), committed, code,
            Math.Max(0, anonymous - committed), System.Runtime.JitInfo.GetCompiledMethodCount(), Servers.KestrelPoolMeter.PooledBytes);
    }

    /// <summary>Resident anonymous memory and resident JIT code (bytes), from <c>/proc/self/smaps</c>.</summary>
    private static (long Anonymous, long Code) ReadMappings()
    {
        const string Path = "/proc/self/smaps";
        if (!File.Exists(Path))
        {
            return (0, 0);
        }

        long anonymous = 0, code = 0;
        var inCode = false;
        foreach (var line in File.ReadLines(Path))
        {
            if (IsMappingHeader(line))
            {
                inCode = line.Contains("doublemapper", StringComparison.Ordinal);
            }
            else if (line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                anonymous += Kilobytes(line) * 1024;
            }
            else if (inCode && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                code += Kilobytes(line) * 1024;
            }
        }

        return (anonymous, code);
    }

    // "7f1b...-7f1c... rw-p 00000000 00:00 0   [name]": an address range opens each mapping's block.
    private static bool IsMappingHeader(string line) =>
        line.Length > 0 && Uri.IsHexDigit(line[0]) && line.IndexOf('-') is > 0 and var dash && dash < line.IndexOf(' ');

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);

    /// <summary>The line <see cref="Servers.ServeCommand"/> answers <c>GC</c> with.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"MEM {ResidentBytes} {ManagedBytes} {GcCommittedBytes} {CodeBytes} {OtherAnonymousBytes} {JitMethods} {PooledBytes}");

    public static MemorySnapshot FromLine(string line)
    {
        var parts = line.Split(' ');
        long At(int i) => parts.Length > i ? long.Parse(parts[i], CultureInfo.InvariantCulture) : 0;
        return new MemorySnapshot(At(1), At(2), At(3), At(4), At(5), At(6), At(7));
    }
}
