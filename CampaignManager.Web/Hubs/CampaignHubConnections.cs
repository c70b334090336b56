using System.Collections.Concurrent;
using CampaignManager.Domain.Common;
using CampaignManager.Web.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace CampaignManager.Web.Hubs;

/// <summary>
/// This instance's open hub connections (a singleton) and their room subscriptions.
/// </summary>
/// <remarks>
/// Delivery does not use SignalR groups. Each connection holds one <see cref="RoomRouter"/> subscription per
/// campaign with its audience and its whole room set, so an event that names several of its rooms
/// (campaign + settlement + structure) reaches it once, players never get an event of the game masters'
/// stream, and each campaign's events arrive in sequence order with gaps filled from the event log.
/// Group broadcasts could promise none of that: one send per group means duplicates across overlapping
/// rooms, and a group has no audience. Cross-instance fan-out is the notifier's job (Redis), so the hub
/// needs no SignalR backplane.
/// </remarks>
public sealed class CampaignHubConnections(
    RoomRouter router,
    IHubContext<CampaignHub> hub,
    IServiceScopeFactory scopes,
    ILogger<CampaignHubConnection> logger)
{
    private readonly ConcurrentDictionary<string, CampaignHubConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public CampaignHubConnection Open(string connectionId, Actor actor)
    {
        var connection = new CampaignHubConnection(connectionId, actor, router, hub, scopes, logger);
        _connections[connectionId] = connection;
        return connection;
    }

    public CampaignHubConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public async Task CloseAsync(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var connection))
        {
            await connection.DisposeAsync();
        }
    }
}
