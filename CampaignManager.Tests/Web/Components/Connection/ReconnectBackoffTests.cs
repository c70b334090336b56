using System.ComponentModel.DataAnnotations;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignManager.Tests.Web.Components.Connection;

/// <summary>The reconnect policy as numbers: the schedule App.razor renders and the page's retry function draws from.</summary>
[Trait(TestCategories.Trait, TestCategories.Unit)]
public sealed class ReconnectBackoffTests
{
    private static readonly ReconnectOptions Defaults = new();

    [Fact]
    public void GivenTheDefaultsWithoutJitter_ThenDelaysDoubleFromOneSecondToTheCapOf32Seconds()
    {
        var options = new ReconnectOptions { JitterRatio = 0 };

        var delays = Enumerable.Range(0, 8).Select(attempt => ReconnectBackoff.Delay(attempt, options, Random.Shared));

        Assert.Equal([1000, 2000, 4000, 8000, 16000, 32000, 32000, 32000], delays);
    }

    [Fact]
    public void GivenTheDefaults_WhenTheScheduleIsComputed_ThenEachRangeIsTwentyPercentEitherSideAndNeverAboveTheCap()
    {
        var schedule = ReconnectBackoff.Schedule(Defaults);

        Assert.Equal(30, schedule.Count);
        Assert.Equal((800, 1200), schedule[0]);
        Assert.Equal((1600, 2400), schedule[1]);
        Assert.Equal((12800, 19200), schedule[4]);
        Assert.Equal((25600, 32000), schedule[5]);
        Assert.All(schedule.Skip(5), range => Assert.Equal((25600, 32000), range));
    }

    [Fact]
    public void WhenTheSampleIsAtEitherEnd_ThenTheDelayIsThatEndOfTheRange()
    {
        Assert.Equal(3200, ReconnectBackoff.Delay(2, Defaults, 0.0));
        Assert.Equal(4800, ReconnectBackoff.Delay(2, Defaults, 0.999999));
        Assert.Equal(4000, ReconnectBackoff.Delay(2, Defaults, 0.5));
    }

    [Fact]
    public void WhenDelaysAreDrawnWithARandom_ThenEveryOneIsInItsRangeAndTheySpread()
    {
        var random = new Random(2026);
        var options = new ReconnectOptions();

        for (var attempt = 0; attempt < options.MaxAttempts; attempt++)
        {
            var (min, max) = ReconnectBackoff.Range(attempt, options)!.Value;
            var draws = Enumerable.Range(0, 200).Select(_ => ReconnectBackoff.Delay(attempt, options, random)!.Value).ToArray();
            Assert.All(draws, delay => Assert.InRange(delay, min, max));
            Assert.True(draws.Distinct().Count() > 20, $"attempt {attempt}: the jitter hardly spreads");
            Assert.InRange(draws.Max(), 0, options.MaxDelayMilliseconds);
        }
    }

    [Fact]
    public void WhenEveryAttemptIsUsed_ThenThereIsNoFurtherDelay()
    {
        var options = new ReconnectOptions { MaxAttempts = 3 };

        Assert.NotNull(ReconnectBackoff.Delay(2, options, 0.5));
        Assert.Null(ReconnectBackoff.Delay(3, options, 0.5));
        Assert.Null(ReconnectBackoff.Range(3, options));
    }

    [Fact]
    public void GivenManyAttempts_WhenTheExponentIsHuge_ThenTheDelayStaysAtTheCap()
    {
        var options = new ReconnectOptions { MaxAttempts = 1000, JitterRatio = 0 };

        Assert.Equal(32000, ReconnectBackoff.Delay(999, options, 0.5));
    }

    [Fact]
    public void GivenNoJitter_WhenTheBaseAndCapAreSmall_ThenTheSequenceIsExact()
    {
        var options = new ReconnectOptions { BaseDelayMilliseconds = 200, MaxDelayMilliseconds = 800, JitterRatio = 0, MaxAttempts = 5 };

        Assert.Equal([200, 400, 800, 800, 800], ReconnectBackoff.Schedule(options).Select(r => r.Max));
        Assert.Equal([200, 400, 800, 800, 800], ReconnectBackoff.Schedule(options).Select(r => r.Min));
    }

    [Fact]
    public void GivenTheSection_WhenBound_ThenEveryKeyIsRead()
    {
        var options = Bind(new()
        {
            ["Realtime:Reconnect:BaseDelayMilliseconds"] = "250",
            ["Realtime:Reconnect:MaxDelayMilliseconds"] = "4000",
            ["Realtime:Reconnect:MaxAttempts"] = "7",
            ["Realtime:Reconnect:JitterRatio"] = "0.1",
        });

        Assert.Equal(250, options.BaseDelayMilliseconds);
        Assert.Equal(4000, options.MaxDelayMilliseconds);
        Assert.Equal(7, options.MaxAttempts);
        Assert.Equal(0.1, options.JitterRatio);
    }

    [Theory]
    [InlineData("Realtime:Reconnect:MaxDelayMilliseconds", "500")]   // below the base
    [InlineData("Realtime:Reconnect:BaseDelayMilliseconds", "0")]
    [InlineData("Realtime:Reconnect:MaxAttempts", "0")]
    [InlineData("Realtime:Reconnect:JitterRatio", "1.5")]
    public void GivenANonsensicalSetting_WhenTheOptionsAreRead_ThenStartUpFails(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAreValid()
    {
        Assert.Empty(Validate(new ReconnectOptions()));
    }

    // As UiServiceCollectionExtensions registers them.
    private static ReconnectOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<ReconnectOptions>().BindConfiguration(ReconnectOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ReconnectOptions>>().Value;
    }

    private static List<ValidationResult> Validate(ReconnectOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
