using System.Text.Json;
using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Events;

/// <summary>
/// The wire contract of every event (ARCHITECTURE.md §4), on Redis, on the hub and in the event log.
/// <see cref="Sequence"/> counts per campaign and audience without holes: game masters and everyone
/// else each have their own stream, so what players may not know never leaves a gap in theirs.
/// </summary>
public sealed record CampaignEventEnvelope(
    string Type,
    Guid Id,
    Guid CampaignId,
    long Sequence,
    DateTimeOffset Timestamp,
    IReadOnlyList<string> Rooms,
    Visibility Visibility,
    EventMetadata Metadata,
    JsonElement Payload)
{
    public string ToJson() => JsonSerializer.Serialize(this, CampaignEventJson.Options);

    public static CampaignEventEnvelope FromJson(string json) =>
        JsonSerializer.Deserialize<CampaignEventEnvelope>(json, CampaignEventJson.Options)
        ?? throw new JsonException("An event envelope was null.");
}
