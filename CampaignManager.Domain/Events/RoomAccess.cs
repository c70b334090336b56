using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Events;

/// <summary>A granted room subscription: the campaign the room belongs to and the stream (audience) the subscriber receives.</summary>
public sealed record RoomAccess(string Room, Guid CampaignId, Visibility Audience);
