using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.Infrastructure;

[Collection(RedisCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class RedisServerFixtureTests(RedisServerFixture redis)
{
    [Fact]
    public async Task WhenTheFixtureHasStarted_ThenRedisAnswersPingOnLoopback()
    {
        var ct = TestContext.Current.CancellationToken;

        Assert.True(redis.IsRunning);
        Assert.Equal($"127.0.0.1:{redis.Port}", redis.ConnectionString);
        Assert.Equal("PONG", await redis.ExecuteAsync(["PING"], ct));
        Assert.True(await redis.PingAsync(ct));
    }

    [Fact]
    public async Task WhenRedisIsStoppedAndStartedAgain_ThenItAnswersOnTheSamePortWithNoData()
    {
        var ct = TestContext.Current.CancellationToken;
        // A private instance: stopping the collection's shared one would pull it from under other tests.
        await using var outage = new RedisServerFixture();
        await outage.InitializeAsync();
        var port = outage.Port;
        Assert.Equal("OK", await outage.ExecuteAsync(["SET", "greeting", "hello"], ct));
        Assert.Equal("hello", await outage.ExecuteAsync(["GET", "greeting"], ct));

        await outage.StopAsync(ct);

        Assert.False(outage.IsRunning);
        Assert.False(await outage.PingAsync(ct));

        await outage.StartAsync(ct);

        Assert.Equal(port, outage.Port);
        Assert.True(await outage.PingAsync(ct));
        Assert.Null(await outage.ExecuteAsync(["GET", "greeting"], ct)); // --save "" and no AOF: nothing survives.
    }

    [Fact]
    public async Task WhenASecondFixtureStarts_ThenItGetsItsOwnPortAndServer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var second = new RedisServerFixture();
        await second.InitializeAsync();

        Assert.NotEqual(redis.Port, second.Port);
        Assert.True(await second.PingAsync(ct));
        Assert.Equal("OK", await second.ExecuteAsync(["SET", "only-on-second", "1"], ct));
        Assert.Null(await redis.ExecuteAsync(["GET", "only-on-second"], ct));
    }
}
