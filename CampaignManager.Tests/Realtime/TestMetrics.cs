using System.Diagnostics.Metrics;
using CampaignManager.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Realtime;

public static class TestMetrics
{
    private static readonly IMeterFactory MeterFactory =
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static RealtimeMetrics For(ICampaignNotifier notifier) => new(MeterFactory, notifier);
}
