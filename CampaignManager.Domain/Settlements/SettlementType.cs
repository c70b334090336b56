namespace CampaignManager.Domain.Settlements;

public enum SettlementType
{
    Village,
    Town,
    City,
    Metropolis,
}
