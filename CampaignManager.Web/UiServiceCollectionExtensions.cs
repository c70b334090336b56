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
            // MudBlazor fades a snackbar in for 1 s and out for 2 s, and Chromium composites each frame of
            // those 3 s in software where there is no GPU: when every open tab showed one per change
            // someone else made, about 120 of the 250 ms of CPU a tab spent per change. Material's own
            // fades (150 ms in, 75 ms out) are 14 frames instead of 180 (docs/benchmarks.md, "Browser: the
            // animations were most of a tab's CPU"). Those changes now show in LiveNotifications' own
            // toasts; the snackbars left are the app's answers to the user's own actions, and one that
            // every tab of a campaign shows when a kingdom turn falls due.
            config.SnackbarConfiguration.ShowTransitionDuration = 150;
            config.SnackbarConfiguration.HideTransitionDuration = 75;
            config.SnackbarConfiguration.PreventDuplicates = false;
        });
        builder.Services.AddOptions<Realtime.ReconnectOptions>().BindConfiguration(Realtime.ReconnectOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Per-circuit state: one store, its features and effects, and the live campaign session
        builder.Services.AddCircuitState();
        return builder;
    }
}
