using CampaignManager.Domain.Common;

namespace CampaignManager.Web.Api;

/// <summary>Domain errors as RFC 7807 problem details, for every <c>/api</c> endpoint.</summary>
public sealed class ApiProblemsFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (NotFoundException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{e.EntityName} was not found.");
        }
        catch (ForbiddenException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: e.Message);
        }
        catch (DomainValidationException e)
        {
            return Results.ValidationProblem(e.Errors.ToDictionary(), title: "The request is not valid.");
        }
        catch (ConcurrencyConflictException e)
        {
            // With If-Match the client named the revision it edited: 412. Without, a plain conflict.
            var preconditioned = context.HttpContext.Request.Headers.IfMatch.Count > 0;
            return Results.Problem(
                statusCode: preconditioned ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
                title: preconditioned ? "Precondition failed" : "Conflict",
                detail: $"{e.EntityName} was changed by someone else. Reload it and try again.");
        }
    }
}
