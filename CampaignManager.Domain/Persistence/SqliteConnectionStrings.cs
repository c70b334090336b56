using Microsoft.Data.Sqlite;

namespace CampaignManager.Domain.Persistence;

public static class SqliteConnectionStrings
{
    /// <summary>
    /// Makes a relative SQLite file path absolute against <paramref name="baseDirectory"/> (so the
    /// app finds its database whatever the working directory) and creates the folder.
    /// </summary>
    public static string Resolve(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        var path = Path.IsPathRooted(source) ? source : Path.GetFullPath(Path.Combine(baseDirectory, source));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        // Two app instances may share one file: wait for a lock rather than failing at once.
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
