using System.Globalization;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;

namespace CampaignManager.Tests.E2E.Connection;

/// <summary>
/// The app on the collection's Redis, with a reconnect policy short enough to watch: 1 s doubling to a 4 s cap.
/// (blazor.web.js 10.0 waits at least a second before any attempt, so a smaller base would not show the doubling.)
/// </summary>
public sealed class ConnectionAppHost : AppHost
{
    public ConnectionAppHost(RedisServerFixture redis)
    {
        var settings = ReconnectSettings(Reconnect);
        settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        Settings = settings;
    }

    /// <summary>What the host is configured with.</summary>
    public static ReconnectOptions Reconnect { get; } = new()
    {
        BaseDelayMilliseconds = 1000,
        MaxDelayMilliseconds = 4000,
        MaxAttempts = 30,
        JitterRatio = 0.2,
    };

    /// <summary>The <c>Realtime:Reconnect</c> keys for <paramref name="options"/>.</summary>
    public static Dictionary<string, string?> ReconnectSettings(ReconnectOptions options) => new()
    {
        [Key(nameof(ReconnectOptions.BaseDelayMilliseconds))] = options.BaseDelayMilliseconds.ToString(CultureInfo.InvariantCulture),
        [Key(nameof(ReconnectOptions.MaxDelayMilliseconds))] = options.MaxDelayMilliseconds.ToString(CultureInfo.InvariantCulture),
        [Key(nameof(ReconnectOptions.MaxAttempts))] = options.MaxAttempts.ToString(CultureInfo.InvariantCulture),
        [Key(nameof(ReconnectOptions.JitterRatio))] = options.JitterRatio.ToString(CultureInfo.InvariantCulture),
    };

    private static string Key(string property) => $"{ReconnectOptions.SectionName}:{property}";
}
