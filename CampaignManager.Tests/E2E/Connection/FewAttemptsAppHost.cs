using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;

namespace CampaignManager.Tests.E2E.Connection;

/// <summary>The app with a reconnect policy that gives up after three one-second attempts, to reach the final state quickly.</summary>
public sealed class FewAttemptsAppHost : AppHost
{
    public FewAttemptsAppHost() => Settings = ConnectionAppHost.ReconnectSettings(Reconnect);

    public static ReconnectOptions Reconnect { get; } = new()
    {
        BaseDelayMilliseconds = 1000,
        MaxDelayMilliseconds = 1000,
        MaxAttempts = 3,
        JitterRatio = 0,
    };
}
