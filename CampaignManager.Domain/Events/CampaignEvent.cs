using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Events;

/// <summary>
/// A row of the event log (the transactional outbox): written in the same transaction as the
/// change, one row per event and audience. <see cref="PublishedAt"/> stays null until a notifier
/// took it, so a relay can republish what a failed publish left behind.
/// </summary>
public sealed class CampaignEvent
{
    public Guid Id { get; init; }

    public Guid CampaignId { get; init; }

    /// <summary>GameMasters: the full stream game masters receive; Everyone: what players and observers receive.</summary>
    public Visibility Audience { get; init; }

    public long Sequence { get; init; }

    public required string Type { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The serialized <see cref="CampaignEventEnvelope"/>, exactly as delivered.</summary>
    public required string Envelope { get; init; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>
    /// The envelope as the committing instance built it; not stored. Publishing right after the commit
    /// takes it instead of parsing <see cref="Envelope"/> back (measured: ~7 KB of a rename's ~335 KB).
    /// Null on rows read from the log.
    /// </summary>
    public CampaignEventEnvelope? Built { get; init; }
}
