namespace CampaignManager.Tests.TestSupport;

/// <summary>
/// Values of the <c>Category</c> trait. Every test class carries one, so a local run can be narrowed with
/// <c>bash scripts/test.sh --filter-trait "Category=Unit"</c>; the README's test command and CI run them all.
/// </summary>
/// <example><c>[Trait(TestCategories.Trait, TestCategories.Integration)]</c></example>
public static class TestCategories
{
    /// <summary>The trait name.</summary>
    public const string Trait = "Category";

    /// <summary>Pure functions and domain services on in-memory SQLite; milliseconds each.</summary>
    public const string Unit = "Unit";

    /// <summary>bUnit component tests.</summary>
    public const string Component = "Component";

    /// <summary>Real servers: Kestrel app hosts, a real <c>redis-server</c>.</summary>
    public const string Integration = "Integration";

    /// <summary>Chromium driven by Playwright against Kestrel app hosts.</summary>
    public const string E2E = "E2E";
}
