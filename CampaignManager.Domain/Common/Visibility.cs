namespace CampaignManager.Domain.Common;

/// <summary>Who may see an entity or a variable.</summary>
public enum Visibility
{
    Everyone,
    GameMasters,
}
