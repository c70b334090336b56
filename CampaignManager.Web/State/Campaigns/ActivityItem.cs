using System.Text.Json;
using CampaignManager.Domain.Events;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>A line of the activity feed: who did what, when.</summary>
public sealed record ActivityItem(long Sequence, DateTimeOffset Timestamp, string Type, string UserName, string Summary)
{
    public static ActivityItem? From(CampaignEventEnvelope envelope)
    {
        // Derived-value refreshes follow every change; the feed shows what people did.
        if (envelope.Type == CampaignEventNames.StateInvalidated)
        {
            return null;
        }

        var summary = envelope.Payload.TryGetProperty("summary", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString() ?? ""
            : envelope.Type;
        return new ActivityItem(envelope.Sequence, envelope.Timestamp, envelope.Type, envelope.Metadata.UserName, summary);
    }
}
