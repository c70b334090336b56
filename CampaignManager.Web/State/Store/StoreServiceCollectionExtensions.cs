namespace CampaignManager.Web.State.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>Registers a feature as scoped (one per circuit) and as the IState of its state type.</summary>
    public static IServiceCollection AddFeature<TFeature, TState>(this IServiceCollection services)
        where TFeature : Feature<TState>
        where TState : class
    {
        services.AddScoped<TFeature>();
        services.AddScoped<IFeature>(sp => sp.GetRequiredService<TFeature>());
        services.AddScoped<IState<TState>>(sp => sp.GetRequiredService<TFeature>());
        return services;
    }

    public static IServiceCollection AddEffect<TEffect>(this IServiceCollection services)
        where TEffect : class, IEffect
    {
        services.AddScoped<IEffect, TEffect>();
        return services;
    }

    /// <summary>The store itself: one per circuit, also serving as dispatcher and action subscriber.</summary>
    public static IServiceCollection AddStore(this IServiceCollection services)
    {
        services.AddScoped<Store>();
        services.AddScoped<IDispatcher>(sp => sp.GetRequiredService<Store>());
        services.AddScoped<IActionSubscriber>(sp => sp.GetRequiredService<Store>());
        return services;
    }
}
