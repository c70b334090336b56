using MudBlazor;
using MudBlazor.Services;

namespace CampaignManager.Web;

public static class UiServiceCollectionExtensions
{
    /// <summary>Interactive server components and MudBlazor.</summary>
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
        return builder;
    }
}
