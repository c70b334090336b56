namespace CampaignManager.Domain.Events;

/// <summary>
/// Events of one audience's stream after a sequence. <see cref="Complete"/> is false when the log no
/// longer holds all of them (retention): the reader must reload instead of catching up.
/// </summary>
public sealed record EventLogPage(IReadOnlyList<CampaignEvent> Events, long CurrentSequence, bool Complete);
