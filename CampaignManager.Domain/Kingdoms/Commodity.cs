namespace CampaignManager.Domain.Kingdoms;

public enum Commodity
{
    Food,
    Lumber,
    Luxuries,
    Ore,
    Stone,
}
