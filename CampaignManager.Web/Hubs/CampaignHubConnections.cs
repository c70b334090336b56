using System.Collections.Concurrent;
using System.Security.Claims;
using CampaignManager.Domain.Common;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.Realtime.Users;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CampaignManager.Web.Hubs;

/// <summary>
/// This instance's open hub connections (a singleton): their room subscriptions, their subscribe budget,
/// and their lifetime (each closes when its access token expires, on its own timer).
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
public sealed class CampaignHubConnections : IDisposable
{
    private static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, OpenConnection> _connections = new(StringComparer.Ordinal);
    private readonly RoomRouter _router;
    private readonly IHubContext<CampaignHub> _hub;
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<CampaignHubOptions> _options;
    private readonly TimeProvider _time;
    private readonly RealtimeStatus _status;
    private readonly ILogger<CampaignHubConnection> _logger;

    public CampaignHubConnections(RoomRouter router, IHubContext<CampaignHub> hub, IServiceScopeFactory scopes,
        IOptions<CampaignHubOptions> options, TimeProvider time, RealtimeStatus status, ILogger<CampaignHubConnection> logger)
    {
        (_router, _hub, _scopes, _options, _time, _status, _logger) = (router, hub, scopes, options, time, status, logger);
        status.LiveChanged += OnLiveChanged;
    }

    public int Count => _connections.Count;

    public void Dispose() => _status.LiveChanged -= OnLiveChanged;

    /// <summary>Registers a connection; it closes by itself at <paramref name="expiresAt"/> (its token's expiry).</summary>
    public CampaignHubConnection Open(HubCallerContext context, Actor actor, DateTimeOffset expiresAt)
    {
        var connection = new CampaignHubConnection(context.ConnectionId, actor, _router, _hub, _scopes, _logger);
        var limits = _options.Value;
        var open = new OpenConnection(connection, context, new TokenBucket(limits.SubscribeBurst, limits.SubscribesPerSecond, _time));
        _connections[context.ConnectionId] = open;
        var due = expiresAt - _time.GetUtcNow();
        open.Expiry = _time.CreateTimer(
            _ => _ = CloseAsync(open, HubCloseReasons.TokenExpired, "The access token expired. Connect again with a fresh token."),
            null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return connection;
    }

    public CampaignHubConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId)?.Connection;

    /// <summary>Whether the connection may make one more subscribe or unsubscribe call now (its token bucket).</summary>
    public bool TryTakeSubscribeCall(string connectionId) => _connections.GetValueOrDefault(connectionId)?.Budget.TryTake() == true;

    /// <summary>
    /// Closes this instance's connections of the user (sign-out everywhere, password change, deleted account):
    /// each gets <c>connection_closing</c> with <paramref name="reason"/>, then the server closes it. Returns how many.
    /// </summary>
    public int CloseConnectionsOfUser(string userId, string reason = HubCloseReasons.SignedOut)
    {
        var closing = _connections.Values.Where(c => c.Connection.Actor.UserId == userId).ToList();
        foreach (var open in closing)
        {
            _ = CloseAsync(open, reason, "You were signed out. Sign in again for a new token.");
        }

        return closing.Count;
    }

    /// <summary>
    /// Ends the connection when its user signs out everywhere or changes the password, on whichever instance that
    /// happens (the user channel). A browser sign-out of one session leaves API tokens alone: they are sign-ins of
    /// their own. The stamp check refuses the old token when the client reconnects.
    /// </summary>
    public async Task ListenToSessionChangesAsync(string connectionId, ClaimsPrincipal user, UserSessionEvents sessions, CancellationToken ct)
    {
        if (!_connections.TryGetValue(connectionId, out var open))
        {
            return;
        }

        var listening = await sessions.ListenAsync(user, message =>
        {
            var (reason, text) = message switch
            {
                { Change: UserSessionChange.SignedOut, SessionId: null } => (HubCloseReasons.SignedOut, "You were signed out everywhere. Sign in again for a new token."),
                { Change: UserSessionChange.PasswordChanged } => (HubCloseReasons.PasswordChanged, "The password changed. Sign in again for a new token."),
                _ => (null, ""),
            };
            if (reason is not null)
            {
                _ = CloseAsync(open, reason, text);
            }

            return ValueTask.CompletedTask;
        }, ct);
        open.SessionChanges = listening;
        if (!_connections.ContainsKey(connectionId))
        {
            // It disconnected while the listener was being set up: RemoveAsync did not see it.
            await listening.DisposeAsync();
        }
    }

    /// <summary>Forgets a disconnected connection and ends its subscriptions (the hub's OnDisconnected).</summary>
    public async Task RemoveAsync(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var open))
        {
            open.Expiry?.Dispose();
            if (Interlocked.Exchange(ref open.SessionChanges, null) is { } listening)
            {
                await listening.DisposeAsync();
            }

            await open.Connection.DisposeAsync();
        }
    }

    // Events published while this instance could not hear them (Redis lost, or a channel not yet
    // subscribed) are only in the log: each connection reads it now rather than at its next event.
    private void OnLiveChanged(bool live)
    {
        if (!live)
        {
            return;
        }

        foreach (var open in _connections.Values)
        {
            _ = open.Connection.CatchUpAsync();
        }
    }

    private async Task CloseAsync(OpenConnection open, string reason, string message)
    {
        try
        {
            // Best effort: the notice may not make it out before the transport closes.
            using var timeout = new CancellationTokenSource(NoticeTimeout);
            await _hub.Clients.Client(open.Context.ConnectionId)
                .SendAsync(HubClientMethods.ConnectionClosing, new ConnectionClosing(reason, message), timeout.Token);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "The closing notice to hub connection {ConnectionId} was not sent", open.Context.ConnectionId);
        }

        _logger.LogInformation("Closing hub connection {ConnectionId} of user {UserId}: {Reason}", open.Context.ConnectionId, open.Connection.Actor.UserId, reason);
        open.Context.Abort();
    }

    private sealed class OpenConnection(CampaignHubConnection connection, HubCallerContext context, TokenBucket budget)
    {
        public CampaignHubConnection Connection { get; } = connection;

        public HubCallerContext Context { get; } = context;

        public TokenBucket Budget { get; } = budget;

        public ITimer? Expiry { get; set; }

        /// <summary>The user-channel listener; a field so that whoever ends the connection disposes it once.</summary>
        public IAsyncDisposable? SessionChanges;
    }
}
