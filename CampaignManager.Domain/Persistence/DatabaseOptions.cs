namespace CampaignManager.Domain.Persistence;

/// <summary>
/// Where the data lives: <c>Database:Provider</c> picks the provider, <c>ConnectionStrings:Database</c>
/// the database (default: a SQLite file under the content root).
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Database";
    public const string DefaultSqliteConnectionString = "Data Source=data/campaigns.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Resolved at start-up from <c>ConnectionStrings:Database</c>.</summary>
    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;
}
