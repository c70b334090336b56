namespace CampaignManager.Domain.Common;

public enum ChangeOperation
{
    Create,
    Update,
    Delete,
}
