namespace CampaignManager.Tests.TestSupport;

/// <summary>The checkout the tests run from (the folder holding CampaignManager.sln), for files outside the test output.</summary>
public static class RepositoryRoot
{
    /// <summary>Found by walking up from the test binaries; the current directory if there is no solution above them.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CampaignManager.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
