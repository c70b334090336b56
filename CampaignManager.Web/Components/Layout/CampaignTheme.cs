using MudBlazor;

namespace CampaignManager.Web.Components.Layout;

public static class CampaignTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4a2c6f",
            Secondary = "#b5651d",
            AppbarBackground = "#4a2c6f",
            Background = "#f7f5f2",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
            },
        },
    };
}
