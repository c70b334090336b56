using CampaignManager.Domain.Calendars;

namespace CampaignManager.Domain.Campaigns;

/// <summary>A partial update: null leaves a field as it is.</summary>
public sealed record CampaignUpdate(string? Name = null, string? Description = null, Calendar? Calendar = null);
