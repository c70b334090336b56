using CampaignManager.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CampaignManager.Web.Realtime;

/// <summary>
/// The outbox's safety net: every <see cref="EventLogRelayOptions.RelayIntervalSeconds"/> it
/// publishes the events that nobody published (the notifier was down, or the instance stopped
/// between commit and publish) once they are older than the interval, in (campaign, audience,
/// sequence) order; and now and then it deletes events older than the retention.
/// When the notifier turns live again it does not wait for its timer: the events committed while it
/// was down go out within milliseconds of the turn, not seconds later. Its rounds are the publisher's
/// (<see cref="CampaignEventPublisher.PublishUnpublishedAsync"/>, one at a time), and a command on an
/// instance whose own publishes failed waits for one before publishing, so that instance's events keep
/// their order. A command on an instance that had nothing to publish during the outage can still
/// publish first at the turn; receivers fill that gap from the log.
/// Every instance runs one; two relays may publish the same event, which receivers ignore by sequence.
/// </summary>
public sealed class EventLogRelay(
    ICampaignNotifier notifier,
    CampaignEventPublisher publisher,
    IDbContextFactory<CampaignDbContext> dbFactory,
    IOptions<EventLogRelayOptions> options,
    TimeProvider time,
    ILogger<EventLogRelay> logger) : BackgroundService
{
    private readonly EventLogRelayOptions _options = options.Value;

    private readonly CancellationTokenSource _stopping = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Here rather than in ExecuteAsync, which runs on another thread later: a turn right after the
        // start is not missed.
        notifier.LiveChanged += OnLiveChanged;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.LiveChanged -= OnLiveChanged;
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    // Cancelled, never disposed (as BackgroundService does with its own): a host may call StopAsync after
    // Dispose (WebApplicationFactory's DisposeAsync did, in CI), and a source with no timer holds nothing to free.
    public override void Dispose()
    {
        notifier.LiveChanged -= OnLiveChanged;
        _stopping.Cancel();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RelayInterval, time);
        var nextRetention = time.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunSafelyAsync(ct => RepublishAsync(ct), "Republishing unpublished events", stoppingToken);
                if (time.GetUtcNow() >= nextRetention)
                {
                    await RunSafelyAsync(DeleteExpiredAsync, "Deleting expired events", stoppingToken);
                    nextRetention = time.GetUtcNow() + _options.RetentionCheckInterval;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Publishes the unpublished events committed up to <paramref name="committedBy"/> (by default, the
    /// interval ago: younger ones may still be on their way from their command); returns how many. One
    /// round at a time, shared with the publisher's catch-up (<see cref="CampaignEventPublisher.PublishUnpublishedAsync"/>).
    /// </summary>
    internal Task<int> RepublishAsync(CancellationToken ct, DateTimeOffset? committedBy = null) =>
        publisher.PublishUnpublishedAsync(committedBy ?? time.GetUtcNow() - _options.RelayInterval, ct);

    private void OnLiveChanged(bool live)
    {
        var stopping = _stopping.Token;
        if (!live || stopping.IsCancellationRequested)
        {
            return;
        }

        // Everything committed until now: while the notifier was down no command published (they failed
        // fast), and from now on each does. An event published twice at the turn is ignored by sequence.
        var now = time.GetUtcNow();
        _ = Task.Run(() => RunSafelyAsync(ct => RepublishAsync(ct, now), "Publishing the events left while the notifier was down", stopping),
            CancellationToken.None);
    }

    /// <summary>Deletes events older than the retention, stream by stream, in batches; returns how many.</summary>
    internal async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - _options.EventRetention;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streams = await db.Events.AsNoTracking()
            .GroupBy(e => new { e.CampaignId, e.Audience })
            .Select(g => g.Key)
            .ToListAsync(ct);
        var total = 0;
        foreach (var stream in streams)
        {
            while (true)
            {
                // A stream's oldest events come first by sequence; their age is checked here because
                // SQLite cannot compare DateTimeOffset in SQL.
                var oldest = await db.Events.AsNoTracking()
                    .Where(e => e.CampaignId == stream.CampaignId && e.Audience == stream.Audience)
                    .OrderBy(e => e.Sequence)
                    .Select(e => new { e.Id, e.Timestamp })
                    .Take(_options.BatchSize)
                    .ToListAsync(ct);
                var expired = oldest.Where(e => e.Timestamp < cutoff).Select(e => e.Id).ToList();
                if (expired.Count > 0)
                {
                    total += await db.Events.Where(e => expired.Contains(e.Id)).ExecuteDeleteAsync(ct);
                }

                if (expired.Count < _options.BatchSize)
                {
                    break;
                }
            }
        }

        if (total > 0)
        {
            logger.LogInformation("Deleted {Count} events older than {RetentionDays} days", total, _options.EventRetentionDays);
        }

        return total;
    }

    private async Task RunSafelyAsync(Func<CancellationToken, Task<int>> work, string what, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // The relay must outlive a locked database or a dropped connection: next round, again.
            logger.LogError(e, "{Work} failed; trying again in {Interval} s", what, _options.RelayIntervalSeconds);
        }
    }
}
