namespace CampaignManager.Tests.TestSupport;

/// <summary>
/// Tests that drive Chromium. One Playwright driver and one Chromium process serve the whole collection
/// (each test gets its own <see cref="BrowserFixture.NewPageAsync"/> context, so cookies never leak);
/// the collection also owns one <see cref="RedisServerFixture"/> for end-to-end tests that need real fan-out.
/// Tests in one collection run one after another; collections run in parallel with each other.
/// </summary>
/// <example><c>[Collection(BrowserCollection.Name)] public class EditSettlementTests(BrowserFixture browser, RedisServerFixture redis)</c></example>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Browser";
}

/// <summary>Integration tests that share one real <c>redis-server</c> (see <see cref="RedisServerFixture"/>).</summary>
/// <example><c>[Collection(RedisCollection.Name)] public class RedisNotifierTests(RedisServerFixture redis)</c></example>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis";
}
