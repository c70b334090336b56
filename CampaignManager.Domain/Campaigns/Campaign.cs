using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;

namespace CampaignManager.Domain.Campaigns;

/// <summary>The aggregate root: a campaign with its calendar, world clock, members and kingdoms.</summary>
public sealed class Campaign : IVersionedEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public required Calendar Calendar { get; set; }

    /// <summary>Seconds since the calendar's epoch; never negative.</summary>
    public long WorldTime { get; set; }

    /// <summary>The last kingdom-turn boundary that has fired, so a rewind never fires one twice.</summary>
    public long? LastKingdomTurnAt { get; set; }

    /// <summary>The sequence of the last event game masters received (the event log grows it without holes).</summary>
    public long EventSequence { get; set; }

    /// <summary>The sequence of the last event players and observers received: their own stream, without holes.</summary>
    public long PlayerEventSequence { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public long Revision { get; set; }

    public List<CampaignMember> Members { get; init; } = [];

    public List<Kingdom> Kingdoms { get; init; } = [];
}
