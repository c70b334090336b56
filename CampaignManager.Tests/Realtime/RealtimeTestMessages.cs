using System.Text.Json;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Web.Realtime;

namespace CampaignManager.Tests.Realtime;

/// <summary>Event-log rows and messages for realtime tests, shaped like the ones commands write.</summary>
public static class RealtimeTestMessages
{
    public static CampaignEvent Row(Guid campaignId, long sequence, Visibility audience = Visibility.GameMasters, params string[] rooms)
    {
        var envelope = new CampaignEventEnvelope(
            CampaignEventNames.SettlementUpdated,
            Guid.CreateVersion7(),
            campaignId,
            sequence,
            DateTimeOffset.UtcNow,
            rooms.Length > 0 ? rooms : [RoomNames.Campaign(campaignId)],
            audience,
            new EventMetadata("user-1", "Mara", EventSources.Web, "corr-1"),
            JsonSerializer.SerializeToElement(new { operation = "update", changedFields = new[] { "name" } }, CampaignEventJson.Options));
        return new CampaignEvent
        {
            Id = envelope.Id,
            CampaignId = campaignId,
            Audience = audience,
            Sequence = sequence,
            Type = envelope.Type,
            Timestamp = envelope.Timestamp,
            Envelope = envelope.ToJson(),
        };
    }

    public static CampaignEventMessage Message(Guid campaignId, long sequence, Visibility audience = Visibility.GameMasters, params string[] rooms) =>
        CampaignEventMessage.From(Row(campaignId, sequence, audience, rooms));
}
