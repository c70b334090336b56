using System.Net;
using System.Net.Sockets;

namespace CampaignManager.Tests.TestSupport;

/// <summary>Free TCP ports on the loopback interface, for servers that must be told their port up front.</summary>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A port on 127.0.0.1 that was free a moment ago and that this process has not handed out before.
    /// Another process can still take it before the caller binds it, so callers retry on "address in use".
    /// Prefer binding port 0 (Kestrel does) when the server can report the port it got.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();

            lock (Gate)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("Could not find a free loopback port in 50 attempts.");
    }
}
