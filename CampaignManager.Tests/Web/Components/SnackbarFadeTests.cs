using CampaignManager.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace CampaignManager.Tests.Web.Components;

/// <summary>
/// MudBlazor fades a snackbar in for 1 s and out for 2 s by default, and a browser without a GPU
/// composites each frame of a fade in software: when every open tab of a campaign showed a snackbar
/// for each change someone else made, the fades were about 120 of the 250 ms of CPU a tab spent per
/// change (docs/benchmarks.md, "Browser: the animations were most of a tab's CPU"). Those changes now
/// show in LiveNotifications' own toasts (LiveToastBrowserTests); the snackbars left (the answer to a
/// user's own action, a kingdom turn falling due in every tab) keep Material's fades, 150 ms in and 75 ms out.
/// </summary>
public class SnackbarFadeTests
{
    [Fact]
    public void WhenTheAppRegistersItsUi_ThenASnackbarFadesInWithin150MsAndOutWithin75Ms()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddCampaignUi();
        using var services = builder.Services.BuildServiceProvider();

        var snackbars = services.GetRequiredService<IOptions<SnackbarConfiguration>>().Value;

        Assert.InRange(snackbars.ShowTransitionDuration, 1, 150);
        Assert.InRange(snackbars.HideTransitionDuration, 1, 75);
        Assert.Equal(4000, snackbars.VisibleStateDuration); // long enough to read who changed what
    }
}
