using CampaignManager.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CampaignManager.Web.Api;

/// <summary>
/// <c>POST /api/auth/token</c> (email and password), <c>/api/auth/refresh</c> (rotate the refresh token)
/// and <c>/api/auth/revoke</c> (end that sign-in). All three are anonymous and rate limited per address.
/// </summary>
public static class TokenEndpoints
{
    public const string RateLimitPolicy = "api-token";

    public static void MapTokenEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").AllowAnonymous().RequireRateLimiting(RateLimitPolicy).WithTags("Tokens");
        auth.MapPost("/token", IssueAsync).WithName("IssueTokens")
            .WithSummary("Signs in with email and password: an access token (JWT) and a refresh token.")
            .Produces<TokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", RefreshAsync).WithName("RefreshTokens")
            .WithSummary("Exchanges a refresh token for new tokens. The old refresh token is dead afterwards; presenting it again revokes the sign-in.")
            .Produces<TokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/revoke", RevokeAsync).WithName("RevokeRefreshToken")
            .WithSummary("Ends the sign-in a refresh token belongs to. Always 204, known token or not.")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> IssueAsync(
        TokenRequest? request,
        UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn,
        RefreshTokenService tokens,
        ILoggerFactory loggerFactory,
        CancellationToken ct)
    {
        // One answer for an unknown email, a wrong password and a locked-out account: nothing to probe.
        var rejected = Unauthorized("The email or password is not correct.");
        if (string.IsNullOrWhiteSpace(request?.Email) || string.IsNullOrEmpty(request.Password))
        {
            return rejected;
        }

        var user = await users.FindByEmailAsync(request.Email);
        if (user is null)
        {
            return rejected;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            // The user id only: never the password, never a token.
            loggerFactory.CreateLogger(typeof(TokenEndpoints)).LogInformation(
                "Access token refused for user {UserId} (locked out: {LockedOut})", user.Id, result.IsLockedOut);
            return rejected;
        }

        return Results.Ok(await tokens.SignInAsync(user, ct));
    }

    private static async Task<IResult> RefreshAsync(RefreshTokenRequest? request, RefreshTokenService tokens, CancellationToken ct) =>
        string.IsNullOrEmpty(request?.RefreshToken) || await tokens.RefreshAsync(request.RefreshToken, ct) is not { } response
            ? Unauthorized("The refresh token is not valid. Sign in again.")
            : Results.Ok(response);

    private static async Task<IResult> RevokeAsync(RefreshTokenRequest? request, RefreshTokenService tokens, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(request?.RefreshToken))
        {
            await tokens.RevokeAsync(request.RefreshToken, ct);
        }

        return Results.NoContent();
    }

    private static IResult Unauthorized(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
}
