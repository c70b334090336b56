namespace CampaignManager.Benchmarks.Servers;

/// <summary>What a server process answers <c>STATS</c> with (see <see cref="ServeCommand"/>).</summary>
/// <param name="JitMethods">Methods the process's JIT has compiled since it started (tiering recompilations included).</param>
/// <param name="Connections">Open TCP connections on the server's port (<see cref="TcpConnections"/>): WebSockets and idle HTTP/1.1 keep-alive ones.</param>
internal sealed record ServerStats(int Circuits, int HubConnections, long JitMethods, long Connections);
