namespace CampaignManager.Domain.Common;

/// <summary>Anchor type for assembly scanning (EF configurations, tests).</summary>
public static class DomainMarker;
