using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Components.Layout;
using CampaignManager.Web.Realtime.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace CampaignManager.Tests.Web.Sessions;

/// <summary>
/// One circuit's listener: where its tab goes on each session change of its user, and how a role
/// change reaches the UI (the real server authentication state provider, the real user menu).
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Component)]
public class CircuitSessionListenerTests : BunitContext, IAsyncLifetime
{
    private const string CampaignPath = "campaigns/0193a000-0000-7000-8000-000000000001";

    private readonly UserSessionEvents _events = new(new InMemoryUserSessionChannel(), [], NullLogger<UserSessionEvents>.Instance);
    private readonly ServerAuthenticationStateProvider _authentication = new();
    private readonly FakeUserReader _users = new();
    private CircuitSessionListener? _listener;

    public CircuitSessionListenerTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<AuthenticationStateProvider>(_authentication);
        // The real authorization (AuthorizeView with roles), over bUnit's placeholders.
        Services.AddAuthorizationCore();
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
    }

    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    private NavigationHistory LastNavigation => Navigation.History.First();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task WhenThisBrowserSignsOutInAnotherTab_ThenThisTabGoesToTheSessionCheckAndOnToSignIn_WithFullLoad()
    {
        await StartAsTamsinAsync(session: "browser-a");

        await PublishAsync(UserSessionMessage.SignedOut("tamsin", "browser-a"));

        Assert.Equal($"http://localhost/Account/SessionEnded?returnUrl=%2F{Uri.EscapeDataString(CampaignPath)}", Navigation.Uri);
        Assert.True(LastNavigation.Options.ForceLoad);
        Assert.True(_listener!.Ended);
    }

    [Fact]
    public async Task WhenAnotherBrowserOfTheUserSignsOut_ThenThisTabStays()
    {
        await StartAsTamsinAsync(session: "browser-a");

        await PublishAsync(UserSessionMessage.SignedOut("tamsin", "browser-b"));

        Assert.EndsWith(CampaignPath, Navigation.Uri, StringComparison.Ordinal);
        Assert.False(_listener!.Ended);
    }

    [Fact]
    public async Task WhenThePasswordChangesInThisBrowser_ThenThisTabReloadsInPlace()
    {
        await StartAsTamsinAsync(session: "browser-a");
        var before = Navigation.History.Count;

        await PublishAsync(UserSessionMessage.PasswordChanged("tamsin", "browser-a"));

        Assert.Equal(before + 1, Navigation.History.Count);
        Assert.EndsWith(CampaignPath, LastNavigation.Uri, StringComparison.Ordinal);
        Assert.True(LastNavigation.Options.ForceLoad);
        Assert.False(_listener!.Ended);
    }

    [Fact]
    public async Task WhenTheSessionEndedWhileTheBrowserWasAway_ThenReconnectingSendsTheTabToSignInAgain()
    {
        await StartAsTamsinAsync(session: "browser-a");
        await PublishAsync(UserSessionMessage.PasswordChanged("tamsin", "browser-b"));
        Navigation.NavigateTo(CampaignPath); // as if the forced load never reached the browser

        _listener!.OnConnectionUp();

        Assert.StartsWith("http://localhost/Account/SessionEnded", Navigation.Uri, StringComparison.Ordinal);
        Assert.True(LastNavigation.Options.ForceLoad);
    }

    [Fact]
    public async Task WhenTheAdminRoleIsGivenThenTaken_ThenTheUserMenuShowsThenHidesTheAdminLink_WithoutNavigation()
    {
        await StartAsTamsinAsync(session: "browser-a");
        var menu = Render<CascadingAuthenticationState>(p => p.AddChildContent<UserMenu>());
        Assert.Empty(menu.FindAll("[data-testid=site-admin-link]"));
        var before = Navigation.History.Count;

        _users.Current = SessionUsers.SignedIn("tamsin", session: null, AccountsServiceCollectionExtensions.AdminRole);
        await PublishAsync(UserSessionMessage.RolesChanged("tamsin"));
        menu.WaitForAssertion(() => Assert.Single(menu.FindAll("[data-testid=site-admin-link]")));
        // The re-read user keeps this tab's sign-in session.
        Assert.Equal("browser-a", SignInSessions.Of((await _authentication.GetAuthenticationStateAsync()).User));

        _users.Current = SessionUsers.SignedIn("tamsin", session: null);
        await PublishAsync(UserSessionMessage.RolesChanged("tamsin"));
        menu.WaitForAssertion(() => Assert.Empty(menu.FindAll("[data-testid=site-admin-link]")));
        Assert.Equal(before, Navigation.History.Count);
    }

    [Fact]
    public async Task WhenTheRolesChangeButTheSignInIsNoLongerValid_ThenTheTabLeavesForSignIn()
    {
        await StartAsTamsinAsync(session: "browser-a");
        _users.Current = null; // stamp changed or account gone

        await PublishAsync(UserSessionMessage.RolesChanged("tamsin"));

        await Poll.UntilAsync(() => _listener!.Ended, TimeSpan.FromSeconds(10), "the tab left", Xunit.TestContext.Current.CancellationToken);
        Assert.StartsWith("http://localhost/Account/SessionEnded", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheConnectionDropsWhileTheCircuitOpens_ThenTheNextConnectionUpListens_AndAnotherAddsNoSecondListener()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        _authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(SessionUsers.SignedIn("tamsin", "browser-a"))));
        Navigation.NavigateTo(CampaignPath);
        _listener = CreateListener();
        var handler = new UserSessionCircuitHandler(_listener);
        using var dropped = new CancellationTokenSource();
        await dropped.CancelAsync();

        await handler.OnCircuitOpenedAsync(null!, dropped.Token); // cut short, and no error for the circuit
        Assert.Equal(0, _events.UserCount);
        await handler.OnConnectionUpAsync(null!, ct);
        await handler.OnConnectionUpAsync(null!, ct);
        var before = Navigation.History.Count;
        await PublishAsync(UserSessionMessage.PasswordChanged("tamsin", "browser-a"));

        Assert.Equal(1, _events.UserCount);
        Assert.Equal(before + 1, Navigation.History.Count); // one listener: one reload, not two
        Assert.True(LastNavigation.Options.ForceLoad);
    }

    [Fact]
    public async Task AnAnonymousCircuit_ListensToNobody()
    {
        _authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        _listener = CreateListener();

        await _listener.StartAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(0, _events.UserCount);
    }

    // BunitContext.DisposeAsync is not virtual: re-implement the interface so xunit disposes both.
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
            Assert.Equal(0, _events.UserCount);
        }

        await DisposeAsync();
    }

    private async Task StartAsTamsinAsync(string session)
    {
        _authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(SessionUsers.SignedIn("tamsin", session))));
        Navigation.NavigateTo(CampaignPath);
        _listener = CreateListener();
        await _listener.StartAsync(Xunit.TestContext.Current.CancellationToken);
    }

    private CircuitSessionListener CreateListener() =>
        new(_events, _authentication, Navigation, _users, NullLogger<CircuitSessionListener>.Instance);

    private Task PublishAsync(UserSessionMessage message) => _events.PublishAsync(message, Xunit.TestContext.Current.CancellationToken);

    private sealed class FakeUserReader : ISignedInUserReader
    {
        public ClaimsPrincipal? Current { get; set; }

        public Task<ClaimsPrincipal?> ReadAsync(ClaimsPrincipal signedIn, CancellationToken ct)
        {
            if (Current is { } current)
            {
                SignInSessions.CopySession(signedIn, current);
            }

            return Task.FromResult(Current);
        }
    }
}
