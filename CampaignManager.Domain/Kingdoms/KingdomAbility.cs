namespace CampaignManager.Domain.Kingdoms;

public enum KingdomAbility
{
    Culture,
    Economy,
    Loyalty,
    Stability,
}
