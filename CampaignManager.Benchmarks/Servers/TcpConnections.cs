using System.Globalization;

namespace CampaignManager.Benchmarks.Servers;

/// <summary>
/// The server's open TCP connections: established sockets on its listening port in /proc/net/tcp (the servers
/// listen on 127.0.0.1). Counts the HTTP/1.1 connections a browser keeps alive between requests as well as the
/// WebSockets of circuits and hub clients. The kernel's table needs no listener set up before the server starts,
/// as Kestrel's <c>kestrel.active_connections</c> metric (which reports changes, not totals) would.
/// </summary>
internal static class TcpConnections
{
    private const string Established = "01";

    public static int Open(int port)
    {
        var count = 0;
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            // "  12: 0100007F:A1B2 0100007F:C3D4 01 …": slot, local address:port, remote address:port, state.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 3 && fields[3] == Established &&
                int.Parse(fields[1].AsSpan(fields[1].IndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
            {
                count++;
            }
        }

        return count;
    }
}
