namespace CampaignManager.Benchmarks.Servers;

/// <summary>What a server process answers <c>STATS</c> with (see <see cref="ServeCommand"/>).</summary>
/// <param name="JitMethods">Methods the process's JIT has compiled since it started (tiering recompilations included).</param>
internal sealed record ServerStats(int Circuits, int HubConnections, long JitMethods);
