namespace CampaignManager.Benchmarks;

/// <summary>What one phase (warm-up, steady, burst) measured.</summary>
internal sealed class PhaseResult
{
    public required string Name { get; init; }

    public required int Sessions { get; init; }

    public int Commits { get; init; }

    public int Events { get; init; }

    /// <summary>Commits per second the driver achieved (first commit to last commit).</summary>
    public double CommitsPerSecond { get; init; }

    public long Expected { get; init; }

    public long Received { get; init; }

    public long Lost => Expected - Received;

    public int Duplicates { get; init; }

    public int OutOfOrder { get; init; }

    public int Unexpected { get; init; }

    /// <summary>Distinct deliveries per second, from the first commit to the last store update.</summary>
    public double DeliveriesPerSecond { get; init; }

    /// <summary>Commit → store updated, one value per (session, event).</summary>
    public Distribution Latency { get; init; } = Distribution.Empty;

    /// <summary>The driver's whole <c>SettlementService.UpdateAsync</c> call (load, change, save, commit, publish), per commit.</summary>
    public Distribution CommitCall { get; init; } = Distribution.Empty;

    /// <summary>Commit → the app's publisher returned (PUBLISH and marking the rows published), per commit.</summary>
    public Distribution CommitToPublished { get; init; } = Distribution.Empty;

    /// <summary>Commit → the first local subscriber of an instance got the event (through Redis), per event and instance.</summary>
    public Distribution CommitToRouter { get; init; } = Distribution.Empty;

    /// <summary>First → last local subscriber of an instance got the event (the router's hand-out), per event and instance.</summary>
    public Distribution RouterHandOut { get; init; } = Distribution.Empty;

    /// <summary>Router got the event → the session's store loop picked the action up (session pump and store queue), per delivery.</summary>
    public Distribution RouterToStore { get; init; } = Distribution.Empty;

    /// <summary>Store loop picked the action up → reducers ran and StateChanged was raised, per delivery.</summary>
    public Distribution StoreApply { get; init; } = Distribution.Empty;

    public Distribution CommittingInstance { get; init; } = Distribution.Empty;

    public Distribution OtherInstance { get; init; } = Distribution.Empty;

    public Distribution GameMasters { get; init; } = Distribution.Empty;

    public Distribution Players { get; init; } = Distribution.Empty;

    /// <summary>Collections and pauses during the phase (this process: both instances, the sessions and the driver).</summary>
    public GcActivity Gc { get; init; }

    public long MaxThreadPoolQueue { get; init; }

    public int MaxThreadPoolThreads { get; init; }

    public double WallSeconds { get; init; }

    /// <summary>CPU time this process (both instances, the sessions and the driver) used during the phase.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>Methods the JIT compiled during the phase (this process: both instances and the driver).</summary>
    public JitActivity Jit { get; init; }

    /// <summary>With <c>--process-per-instance</c>: what the second instance's process did during the phase; else null.</summary>
    public InstanceProcessPhase? InstanceProcess { get; init; }

    /// <summary>Bytes this process allocated during the phase.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Null when every expected delivery arrived in time; else why not.</summary>
    public string? Incomplete { get; init; }
}
