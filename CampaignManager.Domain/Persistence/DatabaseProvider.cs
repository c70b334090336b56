namespace CampaignManager.Domain.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
