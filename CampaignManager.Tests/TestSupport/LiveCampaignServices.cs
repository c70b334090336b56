using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.WorldTime;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.State;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.TestSupport;

/// <summary>
/// The app's live wiring without a web host: the real domain services over a <see cref="DomainFixture"/>
/// (their commits go to the publisher), real-time delivery through the registered notifier, and one
/// circuit's store and campaign session per scope. Callers add logging, the notifier and sign-in.
/// </summary>
public static class LiveCampaignServices
{
    public static IServiceCollection AddLiveCampaign(this IServiceCollection services, DomainFixture domain)
    {
        services.AddMetrics();
        services.AddSingleton(domain.DbFactory);
        services.AddSingleton(domain.Derived);
        services.AddSingleton(domain.Time);
        services.AddSingleton<IUserDirectory>(domain.Users);
        services.AddScoped<DomainServiceContext>();
        services.AddScoped<CampaignService>();
        services.AddScoped<MemberService>();
        services.AddScoped<KingdomService>();
        services.AddScoped<SettlementService>();
        services.AddScoped<StructureService>();
        services.AddScoped<WorldTimeService>();
        services.AddScoped<EventLogService>();

        services.AddSingleton<RealtimeMetrics>();
        services.AddSingleton<RoomRouter>();
        services.AddSingleton<RealtimeStatus>();
        services.AddSingleton<PublishedEventMarker>();
        services.AddSingleton<ICampaignChangeObserver, CampaignEventPublisher>();

        services.AddScoped<CurrentActor>();
        services.AddCircuitState();
        return services;
    }
}
