using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.State.Store;
using Microsoft.AspNetCore.Components.Authorization;

namespace CampaignManager.Web.State.Campaigns;

/// <summary>
/// The live link between one circuit and the campaign it shows. It subscribes to the campaign's
/// room (authorized by the domain), loads the campaign, then applies the user's event stream in
/// sequence order, exactly once: duplicates are dropped, a gap is filled from the event log, and a
/// gap the log no longer covers (or a change of the user's own role) reloads the campaign. When a
/// reload finds the campaign no longer visible (the user was removed), the store says the access
/// ended; a change of the signed-in user's site roles reloads it too.
/// One per circuit; everything it holds dies with the circuit.
/// <para>
/// The next event in order is applied on the thread that delivers it (the router's), straight into
/// the store: no queue hop per circuit. Only a gap, a catch-up or a store that is busy waits, and the
/// session's mailbox keeps everything after it in order meanwhile.
/// </para>
/// </summary>
public sealed class CampaignSession : IAsyncDisposable
{
    private static readonly TimeSpan SubscribeWait = TimeSpan.FromSeconds(3);

    private readonly RoomRouter _router;
    private readonly RealtimeStatus _status;
    private readonly CampaignService _campaigns;
    private readonly EventLogService _log;
    private readonly CurrentActor _currentActor;
    private readonly AuthenticationStateProvider _authentication;
    private readonly IDispatcher _dispatcher;
    private readonly ILogger<CampaignSession> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private Guid? _campaignId;
    private Actor? _actor;
    private string? _shownName;
    private long _last;
    private RoomSubscription? _subscription;
    private SerialMailbox<Work>? _inbox;
    private CancellationTokenSource? _stop;

    public CampaignSession(
        RoomRouter router,
        RealtimeStatus status,
        CampaignService campaigns,
        EventLogService log,
        CurrentActor currentActor,
        AuthenticationStateProvider authentication,
        IDispatcher dispatcher,
        ILogger<CampaignSession> logger)
    {
        _authentication = authentication;
        _router = router;
        _status = status;
        _campaigns = campaigns;
        _log = log;
        _currentActor = currentActor;
        _dispatcher = dispatcher;
        _logger = logger;
        _status.LiveChanged += OnLiveChanged;
        _authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    /// <summary>The last sequence of the user's stream that the store holds.</summary>
    public long LastSequence => Interlocked.Read(ref _last);

    /// <summary>Shows <paramref name="campaignId"/> live; a no-op when it already does (unless <paramref name="reload"/>).</summary>
    public async Task OpenAsync(Guid campaignId, bool reload = false, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_campaignId == campaignId && !reload)
            {
                return;
            }

            var shownName = _campaignId == campaignId ? _shownName : null;
            await CloseCoreAsync();
            _campaignId = campaignId;
            _dispatcher.Dispatch(new CampaignLoadingAction(campaignId));
            _actor = await _currentActor.RequireAsync();
            try
            {
                var room = await _log.AuthorizeRoomAsync(_actor, RoomNames.Campaign(campaignId), ct);
                // Subscribe before loading: whatever commits meanwhile is queued, and the load's
                // sequence tells which of the queued events it already contains.
                _stop = new CancellationTokenSource();
                var stop = _stop.Token;
                // Paused until the load below is in the store; what arrives meanwhile waits in order.
                SerialMailbox<Work>? inbox = null;
                inbox = _inbox = new SerialMailbox<Work>(work => HandleAsync(work, stop), (_, ex) => Failed(ex, inbox!, stop), paused: true);
                _subscription = _router.Subscribe(campaignId, room.Audience, [room.Room], message =>
                {
                    inbox.Post(new Work(message));
                    return ValueTask.CompletedTask;
                });
                await WaitUntilSubscribedAsync(_subscription, ct);

                var view = await _campaigns.GetAsync(_actor, campaignId, ct);
                var recent = await _log.RecentAsync(_actor, campaignId, CampaignState.MaxActivity, ct);
                Interlocked.Exchange(ref _last, view.StreamSequence);
                _shownName = view.Name;
                _dispatcher.Dispatch(new CampaignLoadedAction(
                    view,
                    recent.Select(e => ActivityItem.From(CampaignEventEnvelope.FromJson(e.Envelope))).OfType<ActivityItem>().ToList()));

                inbox.Resume();
                CatchUpWhenListening(_subscription, inbox);
            }
            catch (NotFoundException) when (reload && shownName is not null)
            {
                // It was on screen and now is not the user's to see. Left unset, so opening it again loads afresh.
                await CloseCoreAsync();
                _dispatcher.Dispatch(new CampaignAccessEndedAction(campaignId, shownName));
            }
            catch (NotFoundException)
            {
                await CloseCoreAsync();
                _campaignId = campaignId;
                _dispatcher.Dispatch(new CampaignNotFoundAction(campaignId));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WaitUntilSubscribedAsync(RoomSubscription subscription, CancellationToken ct)
    {
        try
        {
            await subscription.Ready.WaitAsync(SubscribeWait, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Redis is down or slow: show the campaign anyway; when the notifier is live again the
            // session catches up from the log (OnLiveChanged), so nothing stays stale.
            _logger.LogWarning("Live updates for campaign {CampaignId} are paused: {Reason}", _campaignId, ex.GetType().Name);
        }
    }

    // The notifier was not listening yet when the campaign loaded (a slow Redis: see
    // WaitUntilSubscribedAsync). What commits before it listens never arrives, so once it listens the
    // session reads the log; had it failed instead, OnLiveChanged catches up when it is back.
    private static void CatchUpWhenListening(RoomSubscription subscription, SerialMailbox<Work> inbox)
    {
        if (!subscription.Ready.IsCompleted)
        {
            _ = subscription.Ready.ContinueWith(
                static (ready, state) =>
                {
                    if (ready.IsCompletedSuccessfully)
                    {
                        ((SerialMailbox<Work>)state!).Post(new Work(null));
                    }
                },
                inbox,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    // Runs on the delivering thread, one work item at a time (the mailbox). The next event in order
    // is applied synchronously; anything that needs the log goes to the thread pool, and the
    // mailbox holds what follows until it is done.
    private ValueTask HandleAsync(Work work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return ValueTask.CompletedTask;
        }

        if (work.Message is { } message)
        {
            var last = LastSequence;
            if (message.Sequence <= last)
            {
                return ValueTask.CompletedTask; // Already applied (a duplicate, or contained in the load).
            }

            if (message.Sequence == last + 1)
            {
                Apply(message.Envelope);
                return ValueTask.CompletedTask;
            }
        }

        return CatchUpOffThisThread(work.Message, ct);
    }

    // Off the delivering thread: the router's (or a UI caller's) thread must not wait for the database.
    // A method of its own so that its closure is allocated only on this path: captured parameters of
    // HandleAsync itself would be copied into a closure on every delivery, in-order ones too.
    private ValueTask CatchUpOffThisThread(CampaignEventMessage? message, CancellationToken ct) =>
        new(Task.Run(() => CatchUpThenApplyAsync(message, ct), ct));

    private async Task CatchUpThenApplyAsync(CampaignEventMessage? message, CancellationToken ct)
    {
        await CatchUpAsync(ct);
        // Applied by the catch-up, or the gap could not be filled (a reload is on its way): never
        // apply an event over a hole.
        if (message is not null && message.Sequence == LastSequence + 1)
        {
            Apply(message.Envelope);
        }
    }

    private void Failed(Exception ex, SerialMailbox<Work> inbox, CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
        {
            return; // Closed meanwhile.
        }

        _logger.LogError(ex, "Applying events of campaign {CampaignId} failed; reloading it", _campaignId);
        // Nothing after a failed step may be applied over it: stop here, the reload starts afresh.
        inbox.Close();
        ScheduleReload();
    }

    /// <summary>Fills the gap after the last applied sequence from the event log, or reloads when the log cannot.</summary>
    private async Task CatchUpAsync(CancellationToken ct)
    {
        if (_actor is null || _campaignId is not { } campaignId)
        {
            return;
        }

        EventLogPage page;
        try
        {
            page = await _log.ReadAsync(_actor, campaignId, LastSequence, ct);
        }
        catch (NotFoundException)
        {
            ScheduleReload();
            return;
        }

        if (!page.Complete && page.CurrentSequence > LastSequence)
        {
            ScheduleReload();
            return;
        }

        foreach (var row in page.Events)
        {
            if (row.Sequence == LastSequence + 1)
            {
                Apply(CampaignEventEnvelope.FromJson(row.Envelope));
            }
        }
    }

    private void Apply(CampaignEventEnvelope envelope)
    {
        Interlocked.Exchange(ref _last, envelope.Sequence);
        _dispatcher.Dispatch(new CampaignEventAppliedAction(envelope));
        if (TouchesMyMembership(envelope))
        {
            // The user's role changed or they were removed: what they may see changed with it.
            ScheduleReload();
        }
    }

    private bool TouchesMyMembership(CampaignEventEnvelope envelope)
    {
        if (envelope.Type != CampaignEventNames.EntityUpdated || _actor is null)
        {
            return false;
        }

        var payload = CampaignEventReducer.Read<EntityUpdatedPayload>(envelope);
        return payload.EntityType == "member" && (payload.Member?.UserId == _actor.UserId || payload.Operation == EventOperations.Delete);
    }

    private void ScheduleReload()
    {
        if (_campaignId is { } campaignId)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await OpenAsync(campaignId, reload: true);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Reloading campaign {CampaignId} failed", campaignId);
                }
            });
        }
    }

    /// <summary>
    /// Applies what the log holds beyond the store now: called after this user's own command, so
    /// the change shows at once even while the notifier is down.
    /// </summary>
    public void CatchUpSoon() => _inbox?.Post(new Work(null));

    // The user's site roles changed (an admin sees campaigns they are not a member of): what they may
    // see changed with them. Any other change of the state (the same user re-read, revalidation) reloads
    // nothing: a reload per circuit costs three queries. A signed-out state needs nothing either: the tab
    // is leaving for the sign-in page.
    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) => _ = Task.Run(async () =>
    {
        try
        {
            var next = CurrentActor.FromPrincipal((await state).User);
            if (next is not null && _actor is { } shown && (next.UserId != shown.UserId || next.IsAdmin != shown.IsAdmin))
            {
                ScheduleReload();
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Reacting to a change of the signed-in user failed");
        }
    });

    private void OnLiveChanged(bool live)
    {
        if (live)
        {
            // Events published while this instance could not hear them are in the log.
            _inbox?.Post(new Work(null));
        }
    }

    private async Task CloseCoreAsync()
    {
        var drained = _inbox?.Close().Drained ?? Task.CompletedTask;
        if (_stop is not null)
        {
            await _stop.CancelAsync();
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        // Whatever step was running ends before the next load: nothing of the old stream lands after it.
        await drained;
        _stop?.Dispose();
        (_subscription, _inbox, _stop, _campaignId, _shownName) = (null, null, null, null, null);
    }

    public async ValueTask DisposeAsync()
    {
        _status.LiveChanged -= OnLiveChanged;
        _authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        await _gate.WaitAsync();
        try
        {
            await CloseCoreAsync();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    /// <summary>An event to apply, or (null) a request to catch up from the log.</summary>
    private readonly record struct Work(CampaignEventMessage? Message);
}
