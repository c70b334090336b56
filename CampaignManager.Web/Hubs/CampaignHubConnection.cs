using System.Collections.Immutable;
using System.Threading.Channels;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Web.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace CampaignManager.Web.Hubs;

/// <summary>
/// One hub connection's subscriptions: per campaign, one router subscription with the connection's audience
/// and rooms, and one outbox pump that sends the events in sequence order, each once. Subscribe and
/// unsubscribe run one at a time; the pump alone owns the sequence cursors.
/// </summary>
public sealed partial class CampaignHubConnection : IAsyncDisposable
{
    /// <summary>The most rooms one connection may hold, over all campaigns.</summary>
    public const int MaxRooms = 50;

    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(15);

    private readonly string _connectionId;
    private readonly RoomRouter _router;
    private readonly IClientProxy _client;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, Stream> _streams = [];
    // Bounded only in name (nothing writes int.MaxValue items): an unbounded channel allocates its first 32-slot
    // segment up front, about 0.7 KB per connection that is idle nearly all its life; this one grows from empty.
    private readonly Channel<Work> _outbox = Channel.CreateBounded<Work>(new BoundedChannelOptions(int.MaxValue) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationToken _stopping;
    private readonly Task _pump;
    private bool _disposed;

    // The inline path (see Offer): work queued for the pump or being done by it, and the last send
    // started inline that had not completed when it returned. Guarded by _sync.
    private readonly Lock _sync = new();
    private int _queued;
    private Task _lastInlineSend = Task.CompletedTask;

    internal CampaignHubConnection(string connectionId, Actor actor, RoomRouter router, IHubContext<CampaignHub> hub,
        IServiceScopeFactory scopes, ILogger logger)
    {
        _connectionId = connectionId;
        Actor = actor;
        _router = router;
        _client = hub.Clients.Client(connectionId);
        _scopes = scopes;
        _logger = logger;
        _stopping = _stop.Token;
        _pump = Task.Run(PumpAsync);
    }

    public Actor Actor { get; }

    /// <summary>
    /// Adds an authorized room. Subscribes first (live events are held back), then reads the log: with
    /// <paramref name="fromSequence"/> the missed events are sent in order before the held live ones.
    /// </summary>
    public async Task<SubscribeResult> SubscribeAsync(RoomAccess access, long? fromSequence, EventLogService log, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var existing = _streams.GetValueOrDefault(access.CampaignId);
            if (existing is not null && existing.Audience != access.Audience)
            {
                // The user's role changed: the other stream starts over.
                await RemoveAsync(existing);
                existing = null;
            }

            var adds = existing?.Rooms.Contains(access.Room) != true;
            if (adds && _streams.Values.Sum(s => s.Rooms.Count) >= MaxRooms)
            {
                return SubscribeResult.Failed($"A connection may hold at most {MaxRooms} rooms. Unsubscribe from some first.");
            }

            var stream = existing ?? new Stream(access.CampaignId, access.Audience);
            var oldRooms = stream.Rooms;
            if (adds)
            {
                await ReplaceSubscriptionAsync(stream, oldRooms.Add(access.Room), ct);
                _streams[access.CampaignId] = stream;
            }

            var page = await log.ReadAsync(Actor, access.CampaignId, fromSequence ?? long.MaxValue, ct);
            var current = page.CurrentSequence;
            bool? recovered = null;
            long after = current;
            IReadOnlyList<CampaignEvent> missed = [];
            if (fromSequence is { } from)
            {
                recovered = from <= current && page.Complete;
                if (recovered == true)
                {
                    after = from;
                    missed = page.Events;
                }
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Enqueue(new Work(stream, null, new Baseline(after, missed, existing is null ? null : oldRooms, done)));
            await done.Task.WaitAsync(CatchUpWait, ct);
            return SubscribeResult.Ok(current, recovered);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task UnsubscribeAsync(string room)
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed || _streams.Values.FirstOrDefault(s => s.Rooms.Contains(room)) is not { } stream)
            {
                return;
            }

            var rooms = stream.Rooms.Remove(room);
            if (rooms.IsEmpty)
            {
                await RemoveAsync(stream);
            }
            else
            {
                await ReplaceSubscriptionAsync(stream, rooms, CancellationToken.None);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Has every stream read the log after the last event it sent (the notifier is live again: what was
    /// published meanwhile never arrived here, and would otherwise show only with the stream's next event).
    /// </summary>
    public async Task CatchUpAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            foreach (var stream in _streams.Values)
            {
                Enqueue(new Work(stream, null, null) { CatchUp = true });
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var stream in _streams.Values.ToList())
            {
                await RemoveAsync(stream);
            }

            _outbox.Writer.TryComplete();
            await _stop.CancelAsync();
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    // The new subscription starts before the old one ends, so nothing is missed; what both deliver is
    // dropped by the pump's cursor (sequence already sent).
    private async Task ReplaceSubscriptionAsync(Stream stream, ImmutableHashSet<string> rooms, CancellationToken ct)
    {
        var previous = stream.Subscription;
        // The campaign room is always routed (the pump sends only what names the client's rooms): membership
        // events name it, and a connection that holds only settlement rooms must see its user's removal too.
        var routed = rooms.Add(RoomNames.Campaign(stream.CampaignId));
        var subscription = _router.Subscribe(stream.CampaignId, stream.Audience, routed, message =>
        {
            Offer(stream, message);
            return ValueTask.CompletedTask;
        });
        stream.Rooms = rooms;
        stream.Subscription = subscription;
        try
        {
            await subscription.Ready.WaitAsync(ReadyWait, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Redis is down or slow: the subscription holds on. What commits before it listens never
            // arrives live, so once it listens the stream reads the log (if Redis stays down instead,
            // the router resubscribes when it returns).
            _logger.LogWarning("Live updates of campaign {CampaignId} for hub connection {ConnectionId} are paused: {Reason}",
                stream.CampaignId, _connectionId, e.GetType().Name);
            _ = subscription.Ready.ContinueWith(
                ready =>
                {
                    if (ready.IsCompletedSuccessfully && !stream.Closed)
                    {
                        Enqueue(new Work(stream, null, null) { CatchUp = true });
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        if (previous is not null)
        {
            await previous.DisposeAsync();
        }
    }

    private async Task RemoveAsync(Stream stream)
    {
        stream.Closed = true;
        _streams.Remove(stream.CampaignId);
        if (stream.Subscription is { } subscription)
        {
            await subscription.DisposeAsync();
        }
    }

    /// <summary>
    /// The router's hand-out: the next event of a stream that is plain (baseline applied, no membership
    /// check running, nothing held, nothing queued, the previous inline send done) is sent right here,
    /// on the router's loop — the common case, and one thread-pool hop per delivery less; anything
    /// else goes to the pump, which keeps the order. Once something is queued, everything after it is
    /// queued too until the pump has caught up.
    /// </summary>
    private void Offer(Stream stream, CampaignEventMessage message)
    {
        lock (_sync)
        {
            if (_queued == 0 && _lastInlineSend.IsCompleted && IsNextPlainEvent(stream, message))
            {
                try
                {
                    if (stream.Matches(message.Envelope.Rooms))
                    {
                        var send = SendAsync(message.Envelope.Type, SerializedEnvelope.Of(message), _stopping);
                        if (!send.IsCompletedSuccessfully)
                        {
                            _lastInlineSend = ObserveAsync(send, stream);
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSendFailure(e, stream);
                }

                stream.Last = message.Sequence;
                return;
            }

            _queued++;
        }

        _outbox.Writer.TryWrite(new Work(stream, message, null));
    }

    // Membership events are never inline: the pump checks them (CheckMembership).
    private static bool IsNextPlainEvent(Stream stream, CampaignEventMessage message) =>
        !stream.Closed && !stream.Rechecking && stream.Held.Count == 0
        && stream.Last is { } last && message.Sequence == last + 1
        && message.Envelope.Type != CampaignEventNames.EntityUpdated;

    private void Enqueue(Work work)
    {
        lock (_sync)
        {
            _queued++;
        }

        _outbox.Writer.TryWrite(work);
    }

    private async Task ObserveAsync(Task send, Stream stream)
    {
        try
        {
            await send;
        }
        catch (Exception e) when (e is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            LogSendFailure(e, stream);
        }
    }

    private void LogSendFailure(Exception e, Stream stream) =>
        _logger.LogError(e, "Sending events of campaign {CampaignId} to hub connection {ConnectionId} failed", stream.CampaignId, _connectionId);

    private async Task PumpAsync()
    {
        var ct = _stopping;
        try
        {
            await foreach (var work in _outbox.Reader.ReadAllAsync(ct))
            {
                try
                {
                    // An inline send still writing goes first: this work's sends come after it.
                    Task inline;
                    lock (_sync)
                    {
                        inline = _lastInlineSend;
                    }

                    await inline;
                    if (work.Baseline is { } baseline)
                    {
                        await ApplyBaselineAsync(work.Stream, baseline, ct);
                    }
                    else if (!work.Stream.Closed && work.Message is { } message)
                    {
                        if (work.Stream.Last is null || work.Stream.Rechecking)
                        {
                            work.Stream.Held.Add(message);
                        }
                        else
                        {
                            await DeliverAsync(work.Stream, message, ct);
                        }

                        CheckMembership(work.Stream, message);
                    }
                    else if (work.CatchUp)
                    {
                        if (!work.Stream.Closed && work.Stream.Last is not null && !work.Stream.Rechecking)
                        {
                            await FillGapAsync(work.Stream, upTo: null, ct);
                        }
                    }
                    else if (work.Message is null && work.Baseline is null)
                    {
                        // The membership check let the stream be: what arrived meanwhile goes out now.
                        work.Stream.Rechecking = false;
                        await DeliverHeldAsync(work.Stream, ct);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    LogSendFailure(e, work.Stream);
                    work.Baseline?.Done.TrySetResult();
                }
                finally
                {
                    lock (_sync)
                    {
                        _queued--;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disconnected.
        }
    }

    private async Task ApplyBaselineAsync(Stream stream, Baseline baseline, CancellationToken ct)
    {
        if (stream.Closed)
        {
            baseline.Done.TrySetResult();
            return;
        }

        if (stream.Last is null)
        {
            stream.Last = baseline.After;
        }

        foreach (var row in baseline.Missed)
        {
            var envelope = CampaignEventEnvelope.FromJson(row.Envelope);
            if (row.Sequence > stream.Last)
            {
                if (stream.Matches(envelope.Rooms))
                {
                    await SendAsync(envelope.Type, SerializedEnvelope.Of(row.Envelope), ct);
                }

                stream.Last = row.Sequence;
            }
            else if (baseline.PreviousRooms is { } previous && stream.Matches(envelope.Rooms) && !envelope.Rooms.Any(previous.Contains))
            {
                // A room added to a campaign already streamed: the missed events only that room names.
                await SendAsync(envelope.Type, SerializedEnvelope.Of(row.Envelope), ct);
            }
        }

        if (!stream.Rechecking)
        {
            await DeliverHeldAsync(stream, ct);
        }

        baseline.Done.TrySetResult();
    }

    private async Task DeliverHeldAsync(Stream stream, CancellationToken ct)
    {
        var held = stream.Held.OrderBy(m => m.Sequence).ToList();
        stream.Held.Clear();
        foreach (var message in held)
        {
            if (!stream.Closed)
            {
                await DeliverAsync(stream, message, ct);
            }
        }
    }

    private async Task DeliverAsync(Stream stream, CampaignEventMessage message, CancellationToken ct)
    {
        if (message.Sequence <= stream.Last)
        {
            return; // Sent already (another of its rooms, an overlapping subscription, the relay's copy).
        }

        if (message.Sequence > stream.Last + 1)
        {
            await FillGapAsync(stream, message.Sequence - 1, ct);
        }

        if (stream.Matches(message.Envelope.Rooms))
        {
            await SendAsync(message.Envelope.Type, SerializedEnvelope.Of(message), ct);
        }

        stream.Last = message.Sequence;
    }

    // Events of the stream between the last sent and an arrived one: either they name none of the
    // connection's rooms, or they are still on their way (another instance published later). The log
    // has them all (events are written with their change), so send the ones that match now, in order.
    // Without upTo: everything the log holds after the last sent (a catch-up).
    private async Task FillGapAsync(Stream stream, long? upTo, CancellationToken ct)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var log = scope.ServiceProvider.GetRequiredService<EventLogService>();
            var page = await log.ReadAsync(Actor, stream.CampaignId, stream.Last!.Value, ct);
            foreach (var row in page.Events.Where(r => r.Sequence > stream.Last && (upTo is null || r.Sequence <= upTo)))
            {
                var envelope = CampaignEventEnvelope.FromJson(row.Envelope);
                if (stream.Matches(envelope.Rooms))
                {
                    await SendAsync(envelope.Type, SerializedEnvelope.Of(row.Envelope), ct);
                }

                stream.Last = row.Sequence;
            }
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            // The user lost access; the live event that follows is still theirs to get or not by the router.
        }

        if (upTo is { } end)
        {
            stream.Last = Math.Max(stream.Last!.Value, end);
        }
    }

    // The envelope is encoded once per instance and event (SerializedEnvelope), not per connection.
    private Task SendAsync(string type, SerializedEnvelope envelope, CancellationToken ct) => _client.SendAsync(type, envelope, ct);

    /// <summary>A campaign's part of the connection: its audience, rooms, router subscription and (pump-owned) cursor.</summary>
    private sealed class Stream(Guid campaignId, Visibility audience)
    {
        public Guid CampaignId { get; } = campaignId;

        public Visibility Audience { get; } = audience;

        private volatile ImmutableHashSet<string> _rooms = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

        public ImmutableHashSet<string> Rooms
        {
            get => _rooms;
            set => _rooms = value;
        }

        public RoomSubscription? Subscription { get; set; }

        private volatile bool _closed;

        public bool Closed
        {
            get => _closed;
            set => _closed = value;
        }

        // The pump's, or Offer's while nothing is queued (never both: see _queued).
        public long? Last { get; set; }

        /// <summary>Pump only: a membership event arrived and the access check runs; events are held until it ends.</summary>
        public bool Rechecking { get; set; }

        public List<CampaignEventMessage> Held { get; } = [];

        public bool Matches(IReadOnlyList<string> rooms) => rooms.Any(_rooms.Contains);
    }

    private sealed record Baseline(long After, IReadOnlyList<CampaignEvent> Missed, ImmutableHashSet<string>? PreviousRooms, TaskCompletionSource Done);

    /// <summary>A live event (<see cref="Message"/>) or a subscription's starting point (<see cref="Baseline"/>).</summary>
    /// <summary>A live event, a baseline after subscribing, a catch-up from the log, or (none of them) the end of a membership check.</summary>
    private sealed record Work(Stream Stream, CampaignEventMessage? Message, Baseline? Baseline)
    {
        public bool CatchUp { get; init; }
    }
}
