namespace CampaignManager.Domain.Events;

/// <summary>Who caused an event, through which door (<see cref="EventSources"/>), and the request it belongs to.</summary>
public sealed record EventMetadata(string UserId, string UserName, string Source, string? CorrelationId);
