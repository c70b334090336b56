using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Web.Api;
using CampaignManager.Web.Realtime.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CampaignManager.Web.Hubs;

/// <summary>
/// <c>/hubs/campaign</c>: room subscriptions for API clients, with the original ticket's method names.
/// Events arrive as client methods named by their <c>type</c>, the envelope JSON as the one argument.
/// No method throws to the client: every failure is a <see cref="SubscribeResult"/> with an error.
/// </summary>
[Authorize(AuthenticationSchemes = ApiServiceCollectionExtensions.BearerScheme)]
public sealed class CampaignHub(CampaignHubConnections connections, EventLogService log, UserSessionEvents sessions, ILogger<CampaignHub> logger) : Hub
{
    public const long MaximumReceiveMessageSize = 32 * 1024;

    public const string NotFound = "Not found";

    public const string TooManyCalls = "Too many subscribe calls on this connection. Wait a moment and try again.";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User;
        var actor = user is null ? null : ApiActor.From(user, EventSources.Hub, Context.ConnectionId);
        // The JWT handler checked "exp"; the connection must not outlive it.
        var expires = long.TryParse(user?.FindFirst(JwtRegisteredClaimNames.Exp)?.Value, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : (DateTimeOffset?)null;
        if (user is null || actor is null || expires is null)
        {
            Context.Abort();
            return;
        }

        ConnectionRequestCredentials.Forget(Context.GetHttpContext());
        connections.Open(Context, actor, expires.Value);
        await connections.ListenToSessionChangesAsync(Context.ConnectionId, user, sessions, Context.ConnectionAborted);
    }

    public override async Task OnDisconnectedAsync(Exception? exception) => await connections.RemoveAsync(Context.ConnectionId);

    [HubMethodName("subscribe_campaign")]
    public Task<SubscribeResult> SubscribeCampaign(string campaignId, long? fromSequence = null) =>
        SubscribeAsync(RoomNames.CampaignPrefix, campaignId, fromSequence);

    [HubMethodName("subscribe_settlement")]
    public Task<SubscribeResult> SubscribeSettlement(string settlementId) => SubscribeAsync(RoomNames.SettlementPrefix, settlementId, null);

    [HubMethodName("subscribe_structure")]
    public Task<SubscribeResult> SubscribeStructure(string structureId) => SubscribeAsync(RoomNames.StructurePrefix, structureId, null);

    [HubMethodName("unsubscribe_campaign")]
    public Task<SubscribeResult> UnsubscribeCampaign(string campaignId) => UnsubscribeAsync(RoomNames.CampaignPrefix, campaignId);

    [HubMethodName("unsubscribe_settlement")]
    public Task<SubscribeResult> UnsubscribeSettlement(string settlementId) => UnsubscribeAsync(RoomNames.SettlementPrefix, settlementId);

    [HubMethodName("unsubscribe_structure")]
    public Task<SubscribeResult> UnsubscribeStructure(string structureId) => UnsubscribeAsync(RoomNames.StructurePrefix, structureId);

    private async Task<SubscribeResult> SubscribeAsync(string prefix, string? id, long? fromSequence)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return SubscribeResult.Failed($"'{Shorten(id)}' is not a valid id.");
        }

        if (fromSequence < 0)
        {
            return SubscribeResult.Failed("fromSequence must not be negative.");
        }

        if (!connections.TryTakeSubscribeCall(Context.ConnectionId))
        {
            return SubscribeResult.Failed(TooManyCalls);
        }

        if (connections.Find(Context.ConnectionId) is not { } connection)
        {
            return SubscribeResult.Failed("The connection is closing.");
        }

        try
        {
            var access = await log.AuthorizeRoomAsync(connection.Actor, prefix + guid.ToString("D"), Context.ConnectionAborted);
            return await connection.SubscribeAsync(access, fromSequence, log, Context.ConnectionAborted);
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            // Outsiders, hidden (GM-only) entities and unknown ids look the same.
            return SubscribeResult.Failed(NotFound);
        }
        catch (DomainValidationException e)
        {
            return SubscribeResult.Failed(string.Join(" ", e.Errors.SelectMany(x => x.Value)));
        }
        catch (OperationCanceledException) when (Context.ConnectionAborted.IsCancellationRequested)
        {
            return SubscribeResult.Failed("The connection is closing.");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Subscribing connection {ConnectionId} to {Prefix}{Id} failed", Context.ConnectionId, prefix, guid);
            return SubscribeResult.Failed("The subscription failed. Try again.");
        }
    }

    private async Task<SubscribeResult> UnsubscribeAsync(string prefix, string? id)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return SubscribeResult.Failed($"'{Shorten(id)}' is not a valid id.");
        }

        if (!connections.TryTakeSubscribeCall(Context.ConnectionId))
        {
            return SubscribeResult.Failed(TooManyCalls);
        }

        if (connections.Find(Context.ConnectionId) is { } connection)
        {
            await connection.UnsubscribeAsync(prefix + guid.ToString("D"));
        }

        return SubscribeResult.Ok();
    }

    private static string Shorten(string? id) => id is null ? "" : id.Length > 40 ? id[..40] + "…" : id;
}
