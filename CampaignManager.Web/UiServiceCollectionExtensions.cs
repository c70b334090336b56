using CampaignManager.Web.State;
using MudBlazor;
using MudBlazor.Services;

namespace CampaignManager.Web;

public static class UiServiceCollectionExtensions
{
    /// <summary>Interactive server components, MudBlazor, and the per-circuit store and campaign session.</summary>
    public static IHostApplicationBuilder AddCampaignUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.VisibleStateDuration = 4000;
            config.SnackbarConfiguration.PreventDuplicates = false;
        });
        builder.Services.AddOptions<Realtime.ReconnectOptions>().BindConfiguration(Realtime.ReconnectOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Per-circuit state: one store, its features and effects, and the live campaign session
        builder.Services.AddCircuitState();
        return builder;
    }
}
