using CampaignManager.Web.Accounts;
using CampaignManager.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CampaignManager.Web.Api;

/// <summary><c>POST /api/auth/token</c>: email and password for a short-lived access token.</summary>
public static class TokenEndpoints
{
    public const string RateLimitPolicy = "api-token";

    public static void MapTokenEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/auth/token", IssueAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .WithName("IssueAccessToken");
    }

    private static async Task<IResult> IssueAsync(
        TokenRequest? request,
        UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn,
        AccessTokenIssuer issuer,
        ILoggerFactory loggerFactory)
    {
        // One answer for an unknown email, a wrong password and a locked-out account: nothing to probe.
        var rejected = Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: "The email or password is not correct.");
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

        var isAdmin = await users.IsInRoleAsync(user, AccountsServiceCollectionExtensions.AdminRole);
        return Results.Ok(issuer.Issue(user, isAdmin));
    }
}
