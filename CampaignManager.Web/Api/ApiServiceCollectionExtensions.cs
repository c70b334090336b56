using System.Security.Claims;
using System.Threading.RateLimiting;
using CampaignManager.Web.Api;
using CampaignManager.Web.Hubs;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

// In the root namespace, like AddCampaignRealtime, so Program.cs calls it without another using.
namespace CampaignManager.Web;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The authentication scheme of API and hub clients (the Identity cookie stays the app's default).</summary>
    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The authorization policy of every <c>/api</c> endpoint and the hub.</summary>
    public const string ApiPolicy = "api";

    public const string HubPath = "/hubs/campaign";

    /// <summary>The category of ASP.NET Core's "Request starting GET /path?query" log lines.</summary>
    public const string RequestLineLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// The external API: JWT bearer authentication next to the Identity cookie, the token endpoint's
    /// rate limit, and the campaign hub with its per-connection room subscriptions.
    /// Outside Development, start-up fails when <c>Jwt:SigningKey</c> is not set.
    /// </summary>
    public static IHostApplicationBuilder AddCampaignApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var jwt = builder.Configuration.GetSection(JwtOptions.SectionName).Get<JwtOptions>() ?? new JwtOptions();
        if (string.IsNullOrWhiteSpace(jwt.SigningKey))
        {
            if (!builder.Environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Jwt:SigningKey is not set. The API and the hub need a signing key of at least 32 bytes outside Development " +
                    "(set it with the environment variable Jwt__SigningKey or a secret store).");
            }

            jwt.SigningKey = JwtOptions.DevelopmentSigningKey;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(jwt.SigningKey) < 32)
        {
            throw new InvalidOperationException("Jwt:SigningKey must be at least 32 bytes (HS256).");
        }

        if (jwt.AccessTokenMinutes <= 0 || jwt.RefreshTokenDays <= 0 || jwt.TokenRequestsPerMinute <= 0 || jwt.SecurityStampCacheSeconds < 0)
        {
            throw new InvalidOperationException(
                "Jwt:AccessTokenMinutes, Jwt:RefreshTokenDays and Jwt:TokenRequestsPerMinute must be positive, Jwt:SecurityStampCacheSeconds not negative.");
        }

        services.AddSingleton(Options.Create(jwt));
        services.AddSingleton<AccessTokenIssuer>();
        services.AddMemoryCache();
        services.AddSingleton<SecurityStampCheck>();
        services.AddScoped<RefreshTokenService>();

        // Hosting logs every request line with its query string at Information, and browsers send the hub's
        // access token as ?access_token=…: those lines stay off whatever the configured levels say.
        builder.Logging.AddFilter(RequestLineLogCategory, level => level >= LogLevel.Warning);

        services.AddAuthentication().AddJwtBearer(BearerScheme, options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = jwt.Issuer,
                ValidAudience = jwt.Audience,
                IssuerSigningKey = AccessTokenIssuer.SigningKey(jwt),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = Accounts.DisplayNameClaimsPrincipalFactory.DisplayNameClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            // Nothing reads the token back (GetTokenAsync): saved, each hub connection would keep a copy of it in its
            // request's authentication result for as long as it is open.
            options.SaveToken = false;
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    // Browsers cannot set headers on WebSockets: the hub also takes ?access_token=.
                    var token = context.Request.Query[Hubs.ConnectionRequestCredentials.QueryParameter];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments(HubPath))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
                OnTokenValidated = async context =>
                {
                    // A password change or "sign out everywhere" changes the security stamp: older tokens stop working.
                    var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                    var stamp = context.Principal?.FindFirstValue(SecurityStampCheck.ClaimType);
                    var stamps = context.HttpContext.RequestServices.GetRequiredService<SecurityStampCheck>();
                    if (userId is null || !await stamps.IsCurrentAsync(userId, stamp, context.HttpContext.RequestAborted))
                    {
                        context.Fail("The token was revoked.");
                        return;
                    }

                    // Hub connections keep their request's user while open: only the claims the app reads stay.
                    context.Principal = ApiPrincipal.Compact(context.Principal!);
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                            detail: "A valid bearer token is required.")
                        .ExecuteAsync(context.HttpContext);
                },
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(ApiPolicy, policy => policy
            .AddAuthenticationSchemes(BearerScheme)
            .RequireAuthenticatedUser());

        services.AddRateLimiter(options =>
        {
            options.AddPolicy(TokenEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = jwt.TokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                        detail: "Too many token requests from this address. Try again in a minute.")
                    .ExecuteAsync(context.HttpContext);
            };
        });

        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSchemeTransformer>());

        services.AddSignalR().AddHubOptions<CampaignHub>(options =>
        {
            options.MaximumReceiveMessageSize = CampaignHub.MaximumReceiveMessageSize;
            options.MaximumParallelInvocationsPerClient = 1;
        });
        services.AddOptions<CampaignHubOptions>().BindConfiguration(CampaignHubOptions.SectionName)
            .Validate(o => o.SubscribeBurst > 0 && o.SubscribesPerSecond > 0, "Hub:SubscribeBurst and Hub:SubscribesPerSecond must be positive.")
            .ValidateOnStart();
        services.AddSingleton<CampaignHubConnections>();
        return builder;
    }

    /// <summary>Maps <c>/api</c> (token, campaigns, settlements, world time) and the hub at <c>/hubs/campaign</c>.</summary>
    public static WebApplication MapCampaignApi(this WebApplication app)
    {
        // API and hub answers are problem details or nothing: never the app's HTML "not found" page.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(HubPath))
            {
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            }

            return next(context);
        });
        app.UseRateLimiter();

        var api = app.MapGroup("/api")
            .RequireAuthorization(ApiPolicy)
            .DisableAntiforgery()
            .AddEndpointFilter<ApiProblemsFilter>();
        api.MapTokenEndpoints();
        api.MapCampaignEndpoints();
        api.MapMemberEndpoints();
        api.MapKingdomEndpoints();
        api.MapSettlementEndpoints();
        api.MapStructureEndpoints();
        api.MapVariableEndpoints();
        api.MapWorldTimeEndpoints();
        api.MapFallback("{**path}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "No API endpoint has this path. The OpenAPI document at /openapi/v1.json lists them all."));

        app.MapOpenApi();

        app.MapHub<CampaignHub>(HubPath);
        return app;
    }
}
