namespace CampaignManager.Domain.Kingdoms;

public enum LeadershipSeat
{
    Ruler,
    Counselor,
    General,
    Emissary,
    Magister,
    Marshal,
    Treasurer,
    Viceroy,
    Warden,
}
