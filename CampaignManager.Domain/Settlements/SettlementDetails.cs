using CampaignManager.Domain.Campaigns;

namespace CampaignManager.Domain.Settlements;

/// <summary>A settlement with what the settlement page also needs: the viewer's access and the campaign's name.</summary>
public sealed record SettlementDetails(SettlementView Settlement, CampaignAccess Access, string CampaignName);
