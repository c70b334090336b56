using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// Publishes a command's events right after its commit (the outbox's fast path) and has them marked
/// published (<see cref="PublishedEventMarker"/>: batched, off the command's path). It never throws
/// to the command's caller: the change is committed, and whatever could
/// not be published stays in the event log with <c>PublishedAt</c> null for <see cref="EventLogRelay"/>
/// (and for this instance's next command, which publishes that backlog first: CampaignEventPublisher.Backlog.cs).
/// </summary>
public sealed partial class CampaignEventPublisher(
    ICampaignNotifier notifier,
    PublishedEventMarker marker,
    RealtimeMetrics metrics,
    IDbContextFactory<CampaignDbContext> dbFactory,
    IOptions<EventLogRelayOptions> relayOptions,
    ILogger<CampaignEventPublisher> logger) : ICampaignChangeObserver
{
    public async Task OnCommittedAsync(CommittedChanges changes, CancellationToken ct)
    {
        if (changes.Events.Count == 0)
        {
            return;
        }

        try
        {
            if (IsBehind && notifier.IsLive && await CatchUpAsync(changes, ct))
            {
                return;
            }

            // On after a failure: the notifier then fails fast, and still hands each event to this
            // instance's own subscribers, so they keep up while the broker is down.
            var published = await PublishAsync(changes.Events, RealtimeMetrics.CommitOrigin, stopAtFirstFailure: false, ct, markLater: true);
            if (published < changes.Events.Count)
            {
                Volatile.Write(ref _behind, 1);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogDebug("The command was cancelled after its commit; the relay publishes the events of campaign {CampaignId}", changes.CampaignId);
        }
        catch (Exception e)
        {
            // Never the caller's problem: the events are in the log and the relay retries them.
            logger.LogError(e, "Publishing the events of campaign {CampaignId} up to sequence {Sequence} failed; the relay retries them",
                changes.CampaignId, changes.Sequence);
        }
    }

    /// <summary>
    /// Publishes the rows of each stream (campaign and audience) in sequence order, the streams at the
    /// same time — the game masters' stream does not wait for the players' round trip — and marks
    /// those published in one statement: now, or with <paramref name="markLater"/> batched with other
    /// commits' (the relay marks now, so its next round does not take them again). Returns how many
    /// were published.
    /// </summary>
    internal async Task<int> PublishAsync(IReadOnlyList<CampaignEvent> rows, string origin, bool stopAtFirstFailure, CancellationToken ct, bool markLater = false)
    {
        // Started in (campaign, audience) order: with a notifier that completes at once, that is the
        // order of the messages too.
        var streams = await Task.WhenAll(rows
            .OrderBy(r => r.CampaignId).ThenBy(r => r.Audience)
            .GroupBy(r => (r.CampaignId, r.Audience))
            .Select(stream => PublishStreamAsync([.. stream.OrderBy(r => r.Sequence)], stopAtFirstFailure, ct)));
        List<Guid> published = [.. streams.SelectMany(s => s.Published)];
        var unavailable = streams.Select(s => s.Unavailable).FirstOrDefault(u => u is not null);

        if (published.Count > 0)
        {
            metrics.Published(published.Count, origin);
            if (markLater)
            {
                marker.Enqueue(published);
            }
            else
            {
                await marker.MarkAsync(published, ct);
            }
        }

        if (unavailable is not null)
        {
            var left = rows.Count - published.Count;
            metrics.PublishFailed(left, origin);
            // The message says what failed, never how to connect (no connection string, no password).
            logger.LogWarning("The realtime notifier is unavailable ({Reason}); {Count} events are left in the event log for the relay",
                unavailable.Message, left);
        }

        return published.Count;
    }

    // One stream strictly in order: an event is sent only after the one before it was taken.
    private async Task<(List<Guid> Published, NotifierUnavailableException? Unavailable)> PublishStreamAsync(
        List<CampaignEvent> stream, bool stopAtFirstFailure, CancellationToken ct)
    {
        var published = new List<Guid>(stream.Count);
        NotifierUnavailableException? unavailable = null;
        foreach (var row in stream)
        {
            try
            {
                await notifier.PublishAsync(CampaignEventMessage.From(row), ct);
                published.Add(row.Id);
            }
            catch (NotifierUnavailableException e)
            {
                unavailable = e;
                if (stopAtFirstFailure)
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                logger.LogDebug("Publishing was cancelled; {Count} events of campaign {CampaignId} are left for the relay",
                    stream.Count - published.Count, row.CampaignId);
                break;
            }
        }

        return (published, unavailable);
    }
}
