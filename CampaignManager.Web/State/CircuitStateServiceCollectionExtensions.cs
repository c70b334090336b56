using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignManager.Web.State;

public static class CircuitStateServiceCollectionExtensions
{
    /// <summary>
    /// Per-circuit state: one store, its features and effects, and the live campaign session; and
    /// what the circuits of this instance share (the results of reducing an event).
    /// </summary>
    public static IServiceCollection AddCircuitState(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SharedCampaignReductions>();
        services.AddStore();
        services.AddFeature<CampaignFeature, CampaignState>();
        services.AddScoped<CampaignSession>();
        return services;
    }
}
