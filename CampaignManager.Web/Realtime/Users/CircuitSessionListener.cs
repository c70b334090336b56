using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CampaignManager.Web.Realtime.Users;

/// <summary>
/// One circuit's ear on its user's channel (started by <see cref="UserSessionCircuitHandler"/> once
/// the circuit knows who is signed in). Sign-out or a password change elsewhere sends the tab to the
/// sign-in page; a password change in this browser reloads it in place (its cookie was refreshed); a
/// site role change re-reads the user, so admin-only UI appears or disappears at once.
/// Per circuit: it dies with it.
/// </summary>
public sealed class CircuitSessionListener(
    UserSessionEvents events,
    AuthenticationStateProvider authentication,
    NavigationManager navigation,
    ISignedInUserReader users,
    ILogger<CircuitSessionListener> logger) : IAsyncDisposable
{
    /// <summary>Checks the cookie on the server, clears it if it is no longer valid, then goes on to sign-in.</summary>
    public const string SessionEndedPath = "Account/SessionEnded";

    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _startGate = new();
    private Task? _starting;
    private IAsyncDisposable? _listening;
    private ClaimsPrincipal? _user;
    private volatile bool _ended;

    /// <summary>True once this tab's sign-in has ended (it is on its way to the sign-in page).</summary>
    public bool Ended => _ended;

    /// <summary>
    /// Listens for the circuit's signed-in user; does nothing for an anonymous circuit. Called again
    /// (each time the connection is up) it is a no-op once listening, and tries again after an attempt
    /// that was cancelled or failed — a circuit whose connection dropped while it opened still listens.
    /// </summary>
    public Task StartAsync(CancellationToken ct)
    {
        lock (_startGate)
        {
            if (_starting is null || _starting.IsFaulted || _starting.IsCanceled)
            {
                _starting = ListenAsync(ct);
            }

            return _starting;
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        _user = state.User;
        var listening = await events.ListenAsync(state.User, OnMessageAsync, ct);
        if (_closing.IsCancellationRequested)
        {
            // The circuit closed while this was subscribing.
            await listening.DisposeAsync();
            return;
        }

        _listening = listening;
    }

    /// <summary>The browser is connected again: a sign-out it missed while away still applies.</summary>
    public void OnConnectionUp()
    {
        if (_ended)
        {
            LeaveForSignIn();
        }
    }

    private ValueTask OnMessageAsync(UserSessionMessage message)
    {
        if (_user is not { } user)
        {
            return ValueTask.CompletedTask;
        }

        var reaction = SessionReactions.Decide(message, user);
        logger.LogDebug("Session change {Change} for this circuit's user: {Reaction}", message.Change, reaction);
        switch (reaction)
        {
            case SessionReaction.EndSession:
                _ended = true;
                LeaveForSignIn();
                break;
            case SessionReaction.ReloadInPlace:
                navigation.NavigateTo(navigation.Uri, forceLoad: true);
                break;
            case SessionReaction.RefreshAuthentication:
                // Off the channel's delivery: it reads the database.
                _ = RefreshAsync(user);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private async Task RefreshAsync(ClaimsPrincipal user)
    {
        try
        {
            var current = await users.ReadAsync(user, _closing.Token);
            if (current is null)
            {
                _ended = true;
                LeaveForSignIn();
                return;
            }

            _user = current;
            if (authentication is IHostEnvironmentAuthenticationStateProvider host)
            {
                host.SetAuthenticationState(Task.FromResult(new AuthenticationState(current)));
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // The circuit closed meanwhile.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Re-reading the roles of this circuit's user failed; they apply at the next revalidation");
        }
    }

    private void LeaveForSignIn()
    {
        var here = navigation.ToBaseRelativePath(navigation.Uri);
        navigation.NavigateTo($"{SessionEndedPath}?returnUrl={Uri.EscapeDataString("/" + here)}", forceLoad: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        if (_listening is { } listening)
        {
            _listening = null;
            await listening.DisposeAsync();
        }

        _closing.Dispose();
    }
}
