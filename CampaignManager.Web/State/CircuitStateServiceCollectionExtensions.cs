using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;

namespace CampaignManager.Web.State;

public static class CircuitStateServiceCollectionExtensions
{
    /// <summary>Per-circuit state: one store, its features and effects, and the live campaign session.</summary>
    public static IServiceCollection AddCircuitState(this IServiceCollection services)
    {
        services.AddStore();
        services.AddFeature<CampaignFeature, CampaignState>();
        services.AddEffect<FlashEffect>();
        services.AddScoped<CampaignSession>();
        return services;
    }
}
