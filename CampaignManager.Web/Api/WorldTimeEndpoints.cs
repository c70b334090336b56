using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.WorldTime;
using static CampaignManager.Web.Api.ApiHttp;

namespace CampaignManager.Web.Api;

/// <summary>
/// <c>/api/campaigns/{id}/world-time</c>: the clock (its ETag is the world time in seconds) and
/// <c>POST …/advance</c> with <c>{ "seconds": n }</c> (negative rewinds; If-Match guards against two game masters at once).
/// </summary>
public static class WorldTimeEndpoints
{
    public static void MapWorldTimeEndpoints(this IEndpointRouteBuilder api)
    {
        var worldTime = api.MapGroup("/campaigns/{id:guid}/world-time").WithTags("World time");
        worldTime.MapGet("/", async (Guid id, HttpContext http, CampaignService campaigns, CancellationToken ct) =>
            {
                var view = await campaigns.GetAsync(ApiActor.Require(http), id, ct);
                return Tagged(http, new WorldTimeView(view.WorldTime, view.Date.ToString()), view.WorldTime);
            })
            .WithName("GetWorldTime").Produces<WorldTimeView>();

        worldTime.MapPost("/advance", async (Guid id, HttpContext http, WorldTimeService service, CancellationToken ct) =>
            {
                var body = await ReadObjectAsync(http, ct);
                var seconds = Field(body, "seconds", e => e.GetInt64(), "a whole number of seconds")
                    ?? throw new DomainValidationException("seconds", "Seconds is required.");
                var change = await service.AdvanceAsync(ApiActor.Require(http), id, seconds, IfMatchRevision(http.Request), ct);
                return Tagged(http, new { change.PreviousWorldTime, change.NewWorldTime, change.ElapsedSeconds, change.KingdomTurnsDue }, change.NewWorldTime);
            })
            .WithName("AdvanceWorldTime").WithSummary("Moves the clock by seconds (negative rewinds); game masters only.")
            .Accepts<AdvanceRequest>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    public sealed record WorldTimeView(long WorldTime, string Date);

    public sealed record AdvanceRequest(long Seconds);
}
