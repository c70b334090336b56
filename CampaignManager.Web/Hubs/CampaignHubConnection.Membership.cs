using System.Text.Json;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Web.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace CampaignManager.Web.Hubs;

// Membership changes while subscribed. Every instance receives the campaign's membership events through
// the notifier, so each connection checks its own access where the event reaches it: removed → its rooms
// of that campaign end at once; game master ↔ player → the stream it holds is the wrong one, so it ends
// too. Until the check is done, the stream's further events are held, so nothing of the old audience slips out.
public sealed partial class CampaignHubConnection
{
    // Pump only.
    private void CheckMembership(Stream stream, CampaignEventMessage message)
    {
        if (stream.Rechecking || stream.Closed || !TouchesMembership(message.Envelope))
        {
            return;
        }

        stream.Rechecking = true;
        // Not on the pump: the check takes the subscription gate, which a subscribe may hold while it waits for the pump.
        _ = Task.Run(() => RecheckAccessAsync(stream));
    }

    private bool TouchesMembership(CampaignEventEnvelope envelope)
    {
        if (envelope.Type != CampaignEventNames.EntityUpdated)
        {
            return false;
        }

        var payload = envelope.Payload.Deserialize<EntityUpdatedPayload>(CampaignEventJson.Options);
        // A removal carries no snapshot (so no user id): every removal is checked; other changes when they are this user's.
        return payload?.EntityType == DomainChange.EntityTypes.Member
            && (payload.Operation == EventOperations.Delete || payload.Member?.UserId == Actor.UserId);
    }

    private async Task RecheckAccessAsync(Stream stream)
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed || stream.Closed)
            {
                return;
            }

            var ended = await CheckAccessAsync(stream);
            if (ended is null)
            {
                Enqueue(new Work(stream, null, null)); // Resume.
                return;
            }

            var rooms = stream.Rooms.Order(StringComparer.Ordinal).ToList();
            await RemoveAsync(stream);
            _logger.LogInformation("Hub connection {ConnectionId} left campaign {CampaignId}: {Reason}", _connectionId, stream.CampaignId, ended.Value.Reason);
            await _client.SendAsync(HubClientMethods.SubscriptionEnded,
                new SubscriptionEnded(stream.CampaignId, rooms, ended.Value.Reason, ended.Value.Message), _stop.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
        {
            _logger.LogError(e, "Checking hub connection {ConnectionId}'s access to campaign {CampaignId} failed", _connectionId, stream.CampaignId);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Null when the stream may go on; otherwise why it ends.</summary>
    private async Task<(string Reason, string Message)?> CheckAccessAsync(Stream stream)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var log = scope.ServiceProvider.GetRequiredService<EventLogService>();
            var access = await log.AuthorizeRoomAsync(Actor, RoomNames.Campaign(stream.CampaignId), _stop.Token);
            return access.Audience == stream.Audience
                ? null
                : (HubCloseReasons.RoleChanged,
                    "Your role in this campaign changed. Subscribe again (without fromSequence): your new stream has its own sequence numbers.");
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            return (HubCloseReasons.RemovedFromCampaign, "You are no longer a member of this campaign; its rooms were left.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fail closed: without an answer the stream cannot be trusted to be the right one.
            _logger.LogError(e, "The access check of hub connection {ConnectionId} on campaign {CampaignId} failed", _connectionId, stream.CampaignId);
            return (HubCloseReasons.AccessCheckFailed, "Your access could not be checked; subscribe again.");
        }
    }
}
