namespace CampaignManager.Benchmarks.Hub;

/// <summary>One phase (steady or burst) of one target at one client count.</summary>
internal sealed record HubPhaseResult
{
    public required string Target { get; init; }

    public required int Clients { get; init; }

    public required string Phase { get; init; }

    public int Writes { get; init; }

    /// <summary>Writes the phase was to make; more than <see cref="Writes"/> when the write time limit cut it.</summary>
    public int PlannedWrites { get; init; }

    public double WritesPerSecond { get; init; }

    public long Expected { get; init; }

    public long Received { get; init; }

    public long Lost => Expected - Received;

    public int Duplicates { get; init; }

    public int OutOfOrder { get; init; }

    public int Unexpected { get; init; }

    public Distribution Latency { get; init; } = Distribution.Empty;

    public double DeliveriesPerSecond { get; init; }

    public IReadOnlyList<ServerUsage> Servers { get; init; } = [];

    public double ClientCpuSeconds { get; init; }

    public string Load { get; init; } = "";

    /// <summary>Why the phase ended before every delivery arrived (the time bound), or null.</summary>
    public string? Incomplete { get; init; }

    public bool Correct => Incomplete is null && Lost == 0 && Duplicates == 0 && OutOfOrder == 0 && Unexpected == 0;
}

/// <summary>What one server process used during a phase.</summary>
internal sealed record ServerUsage(string Name, long PeakResidentBytes, double CpuSeconds, double IdleCpuSeconds, long Deliveries)
{
    public double CpuMicrosecondsPerDelivery => Deliveries == 0 ? double.NaN : CpuSeconds * 1e6 / Deliveries;

    /// <summary>Per delivery, without what the server burns idle over the same time (measured before the phases).</summary>
    public double NetCpuMicrosecondsPerDelivery => Deliveries == 0 ? double.NaN : Math.Max(0, CpuSeconds - IdleCpuSeconds) * 1e6 / Deliveries;
}
