using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace CampaignManager.Web.Accounts;

/// <summary>
/// Every sign-in (one browser's cookie) carries its own random session id claim, so a sign-out can end
/// the tabs of that browser without touching the user's other browsers. The id survives the
/// cookie's refreshes (security-stamp revalidation, <c>RefreshSignInAsync</c> after a password
/// change) and is never a secret: it only names the sign-in on the user's channel.
/// </summary>
public static class SignInSessions
{
    public const string ClaimType = "cm_session";

    /// <summary>
    /// How often a cookie's security stamp is checked against the database (Identity's default is
    /// 30 minutes). The user channel ends open tabs at once; this bounds how long a cookie of an
    /// ended session (password changed, signed out everywhere) still opens a page.
    /// </summary>
    public static readonly TimeSpan CookieValidationInterval = TimeSpan.FromMinutes(1);

    public static string? Of(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimType);

    /// <summary>Session ids, cookie refreshes and the stamp check interval on Identity's cookie.</summary>
    public static IServiceCollection AddSignInSessions(this IServiceCollection services)
    {
        services.ConfigureApplicationCookie(options =>
        {
            var signingIn = options.Events.OnSigningIn;
            options.Events.OnSigningIn = context =>
            {
                Stamp(context);
                return signingIn(context);
            };
        });
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = CookieValidationInterval;
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal is { } current && context.NewPrincipal is { } renewed)
                {
                    CopySession(current, renewed);
                }

                return Task.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>Carries the session id of <paramref name="from"/> over to <paramref name="to"/> (same user, same sign-in).</summary>
    public static void CopySession(ClaimsPrincipal from, ClaimsPrincipal to)
    {
        if (Of(from) is { } session && Of(to) is null && to.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(ClaimType, session));
        }
    }

    // A fresh sign-in gets a new id; re-signing the same user in (RefreshSignInAsync after a password
    // change) keeps the one its browser has.
    private static void Stamp(CookieSigningInContext context)
    {
        var principal = context.Principal;
        if (principal is null || Of(principal) is not null || principal.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        var current = context.HttpContext.User;
        var sameUser = current.Identity?.IsAuthenticated == true &&
            current.FindFirstValue(ClaimTypes.NameIdentifier) == principal.FindFirstValue(ClaimTypes.NameIdentifier);
        identity.AddClaim(new Claim(ClaimType, (sameUser ? Of(current) : null) ?? Guid.NewGuid().ToString("N")));
    }
}
