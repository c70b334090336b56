using System.Reflection;
using Bunit;
using Bunit.TestDoubles;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Components.Layout;
using CampaignManager.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignManager.Tests.Web.Components.Connection;

/// <summary>
/// The server half of the app bar's connection indicator: who sees it, what it says when it is rendered in a live
/// circuit, and the "live updates paused" state pushed by <see cref="RealtimeStatus"/>. The circuit half (reconnecting,
/// attempts, hiding) runs in the browser: <c>ConnectionBrowserTests</c>.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Component)]
public sealed class ConnectionIndicatorTests : BunitContext
{
    private const string ModulePath = "./Components/Layout/ConnectionIndicator.razor.js";

    private readonly SwitchableNotifier _notifier = new();
    private readonly RealtimeStatus _status;
    private readonly BunitAuthorizationContext _auth;

    public ConnectionIndicatorTests()
    {
        // A real RealtimeStatus over the fake broker, as the app wires it.
        _status = new RealtimeStatus(_notifier, NullLogger<RealtimeStatus>.Instance);
        Services.AddSingleton(_status);
        _auth = AddAuthorization();   // anonymous until a test signs in
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Strict;
        var module = JSInterop.SetupModule(ModulePath);
        module.SetupVoid("attach", _ => true).SetVoidResult();
        module.SetupVoid("detach", _ => true).SetVoidResult();
    }

    [Fact]
    public void GivenASignedInUser_WhenRenderedInACircuit_ThenItSaysConnectedAndLive()
    {
        _auth.SetAuthorized("Mara");

        var cut = Render<ConnectionIndicator>();

        var indicator = cut.Find("[data-testid=connection-indicator]");
        Assert.Equal("connected", indicator.GetAttribute("data-state"));
        Assert.Equal("live", indicator.GetAttribute("data-live"));
        Assert.Equal("Connected", indicator.QuerySelector(".cm-connection-label")!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=live-updates-paused]"));
    }

    [Fact]
    public void GivenASignedInUser_WhenRendered_ThenTheBrowserModuleTakesOverTheElement()
    {
        _auth.SetAuthorized("Mara");

        var cut = Render<ConnectionIndicator>();

        var attach = JSInterop.VerifyInvoke("attach");
        Assert.Equal(cut.Find("[data-testid=connection-indicator]").GetAttribute("blazor:elementReference"),
            ((ElementReference)attach.Arguments[0]!).Id);
    }

    [Fact]
    public void GivenAPrerender_WhenRendered_ThenItSaysConnecting()
    {
        // Prerendered HTML is on screen before any circuit exists.
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        _auth.SetAuthorized("Mara");

        var cut = Render<ConnectionIndicator>();

        Assert.Equal("connecting", cut.Find("[data-testid=connection-indicator]").GetAttribute("data-state"));
    }

    [Fact]
    public void GivenAnAnonymousVisitor_WhenRendered_ThenThereIsNoIndicatorAndNoScript()
    {
        var cut = Render<ConnectionIndicator>();

        Assert.Empty(cut.FindAll("[data-testid=connection-indicator]"));
        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public async Task WhenThisInstanceLosesRedisAndGetsItBack_ThenTheIndicatorGoesPausedAndLiveAgain()
    {
        _auth.SetAuthorized("Mara");
        var cut = Render<ConnectionIndicator>();

        await _notifier.SetLive(false);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("paused", cut.Find("[data-testid=connection-indicator]").GetAttribute("data-live"));
            Assert.Contains("Live updates paused", cut.Find("[data-testid=live-updates-paused]").TextContent, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(5));
        // The circuit half is untouched: the server never writes data-state after the first render.
        Assert.Equal("connected", cut.Find("[data-testid=connection-indicator]").GetAttribute("data-state"));

        await _notifier.SetLive(true);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("live", cut.Find("[data-testid=connection-indicator]").GetAttribute("data-live"));
            Assert.Empty(cut.FindAll("[data-testid=live-updates-paused]"));
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GivenRedisIsAlreadyDown_WhenRendered_ThenItStartsPaused()
    {
        await _notifier.SetLive(false);
        _auth.SetAuthorized("Mara");

        var cut = Render<ConnectionIndicator>();

        Assert.Equal("paused", cut.Find("[data-testid=connection-indicator]").GetAttribute("data-live"));
    }

    [Fact]
    public async Task WhenTheIndicatorIsDisposed_ThenItStopsListeningAndReleasesTheElement()
    {
        _auth.SetAuthorized("Mara");
        Render<ConnectionIndicator>();
        Assert.Equal(1, LiveListeners());

        await DisposeComponentsAsync();

        Assert.Equal(0, LiveListeners());
        JSInterop.VerifyInvoke("detach");
        await _notifier.SetLive(false);   // nobody left to re-render: must not throw
    }

    // RealtimeStatus.LiveChanged is a field-like event: its backing delegate says who listens.
    private int LiveListeners() =>
        (typeof(RealtimeStatus).GetField(nameof(RealtimeStatus.LiveChanged), BindingFlags.Instance | BindingFlags.NonPublic)!
            .GetValue(_status) as Delegate)?.GetInvocationList().Length ?? 0;
}
