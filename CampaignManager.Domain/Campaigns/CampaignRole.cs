namespace CampaignManager.Domain.Campaigns;

/// <summary>A member's role in one campaign. The order matters: a higher value can do more.</summary>
public enum CampaignRole
{
    Observer = 0,
    Player = 1,
    GameMaster = 2,
    Owner = 3,
}
