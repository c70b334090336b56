namespace CampaignManager.Benchmarks;

/// <summary>Process resident set and managed heap after a full, compacting collection.</summary>
internal sealed record MemorySnapshot(long ResidentBytes, long ManagedBytes)
{
    public static MemorySnapshot Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new MemorySnapshot(Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false));
    }
}
