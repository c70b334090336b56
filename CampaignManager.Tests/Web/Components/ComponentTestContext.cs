using System.Security.Claims;
using Bunit;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.WorldTime;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.State.Campaigns;
using CampaignManager.Web.State.Store;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CampaignManager.Tests.Web.Components;

/// <summary>
/// bUnit with MudBlazor (loose JS interop, no transitions) over the real domain services on an
/// in-memory SQLite database seeded with the demo campaign, signed in as one demo actor.
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    private DomainFixture? _domain;

    protected DomainFixture Domain => _domain ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public virtual async ValueTask InitializeAsync()
    {
        _domain = await DomainFixture.CreateAsync();
        // Pages load through the live session (database, then the store's loop): on a loaded 2-core
        // CI machine that can take longer than bUnit's 1 s default wait.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });

        // The real domain services over the fixture's database, publishing to the in-memory notifier.
        Services.AddLogging();
        Services.AddSingleton<ICampaignNotifier, InMemoryCampaignNotifier>();
        Services.AddLiveCampaign(Domain);
    }

    /// <summary>The domain services as another user's circuit would call them (events flow to this circuit).</summary>
    protected T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Signs in as a demo actor (claims as the cookie would carry them).</summary>
    protected void SignInAs(Actor actor)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(actor.DisplayName);
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, actor.UserId),
            new Claim(DisplayNameClaimsPrincipalFactory.DisplayNameClaim, actor.DisplayName));
        if (actor.IsAdmin)
        {
            auth.SetRoles(AccountsServiceCollectionExtensions.AdminRole);
        }
    }

    /// <summary>The providers the MainLayout normally renders: needed for dialogs, menus and snackbars.</summary>
    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    // BunitContext.DisposeAsync is not virtual: re-implement the interface so xunit disposes both.
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        if (_domain is not null)
        {
            await _domain.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
