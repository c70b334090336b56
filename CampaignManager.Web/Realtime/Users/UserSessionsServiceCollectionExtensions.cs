using CampaignManager.Web.Accounts;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignManager.Web.Realtime.Users;

public static class UserSessionsServiceCollectionExtensions
{
    /// <summary>
    /// The user channel: in-memory by default, Redis when <c>ConnectionStrings:Redis</c> is set (the
    /// multiplexer is the one the campaign notifier registers), and each circuit's listener.
    /// Add instance-wide reactions with <c>services.AddSingleton&lt;IUserSessionHandler, …&gt;()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddUserSessions(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var redis = builder.Configuration.GetConnectionString(RealtimeServiceCollectionExtensions.RedisConnectionStringName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<IUserSessionChannel, InMemoryUserSessionChannel>();
        }
        else
        {
            services.TryAddSingleton<IUserSessionChannel, RedisUserSessionChannel>();
        }

        services.TryAddSingleton<UserSessionEvents>();
        services.TryAddSingleton<ISignedInUserReader, IdentitySignedInUserReader>();
        services.TryAddScoped<CircuitSessionListener>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, UserSessionCircuitHandler>());
        return builder;
    }
}
