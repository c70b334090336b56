namespace CampaignManager.Benchmarks;

/// <summary>
/// The environment variables the app is deployed with (README, "Configuration"): read by glibc and the runtime
/// when a process starts, so they cannot be set from code. <c>dotnet run</c> of this project sets them for its own
/// process (Properties/launchSettings.json), where the circuit benchmark hosts the app; <see cref="Servers.ServerProcess"/>
/// sets them for app processes it starts when the caller has not. The reports print what was in effect.
/// </summary>
internal static class AppEnvironment
{
    /// <summary>Name and value of each setting: ADR-007 (malloc arenas).</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Defaults =
    [
        ("MALLOC_ARENA_MAX", "2"),
    ];

    /// <summary>Printed when set, never set by the benchmark: ADR-008 measured it and left it out.</summary>
    private const string Gen0Budget = "DOTNET_GCgen0size";

    /// <summary>For a report heading: the GC mode and each setting as this process or its servers get it.</summary>
    public static string Describe(bool forChildren) =>
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
        string.Join(", ", Defaults.Select(d => $"{d.Name}={Value(d, forChildren)}")) +
        (Environment.GetEnvironmentVariable(Gen0Budget) is { Length: > 0 } gen0 ? $", {Gen0Budget}={gen0}" : "");

    private static string Value((string Name, string Value) setting, bool forChildren) =>
        Environment.GetEnvironmentVariable(setting.Name) is { Length: > 0 } value ? value
        : forChildren ? setting.Value
        : "unset";
}
