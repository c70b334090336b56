using System.Globalization;
using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.WorldTime;

/// <summary>Moves a campaign's world clock (game masters only).</summary>
public sealed class WorldTimeService(DomainServiceContext context)
{
    /// <summary>About a thousand years of 365 days: more is surely a typo.</summary>
    public const long MaxStepSeconds = 1000L * 365 * 86_400;

    /// <summary>
    /// Advances (positive) or rewinds (negative) the clock. <paramref name="expectedWorldTime"/> guards
    /// against two game masters moving it at once from the same starting point.
    /// </summary>
    public async Task<WorldTimeChange> AdvanceAsync(Actor actor, Guid campaignId, long seconds, long? expectedWorldTime = null, CancellationToken ct = default)
    {
        await using var command = await CampaignCommand.OpenAsync(context, actor, campaignId, "Campaign", ct);
        command.Access.RequireGameMaster("move the world clock");
        var campaign = command.Campaign;
        if (seconds is > MaxStepSeconds or < -MaxStepSeconds)
        {
            throw new DomainValidationException("seconds", string.Create(CultureInfo.InvariantCulture, $"A step of the clock must be at most {MaxStepSeconds / 86_400:N0} days either way."));
        }

        if (expectedWorldTime is { } expected && expected != campaign.WorldTime)
        {
            throw new ConcurrencyConflictException("The world clock");
        }

        var previous = campaign.WorldTime;
        var next = previous + seconds;
        if (next < 0)
        {
            throw new DomainValidationException("seconds", $"The clock cannot go back before the start of the calendar ({campaign.Calendar.Describe(0)}).");
        }

        if (seconds == 0)
        {
            return new WorldTimeChange(previous, previous, []);
        }

        var due = KingdomTurnSchedule.DueBoundaries(campaign.Calendar, previous, next, campaign.LastKingdomTurnAt);
        campaign.WorldTime = next;
        if (due.Count > 0)
        {
            campaign.LastKingdomTurnAt = due[^1];
        }

        var verb = seconds > 0 ? "advanced" : "rewound";
        var change = new WorldTimeChange(previous, next, due);
        command.RecordWorldTime(change, $"{actor.DisplayName} {verb} the clock to {campaign.Calendar.Describe(next)}");
        await command.CommitAsync(ct);
        return change;
    }
}
