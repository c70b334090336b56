using Microsoft.AspNetCore.DataProtection;

namespace CampaignManager.Web.Startup;

/// <summary>
/// Several instances behind one load balancer must read each other's cookies (sign-in, antiforgery) and protected
/// circuit state: with <c>DataProtection:KeysDirectory</c> set, every instance keeps its Data Protection key ring in
/// that one directory under one application name. It wins over the Redis key ring of SharedCircuitState (registered
/// after it). Unset, nothing changes.
/// A shared folder is the smallest way to share keys on one machine or a network share; Redis-backed keys are the
/// other option for instances on several machines.
/// </summary>
public static class SharedKeysStartup
{
    public const string KeysDirectoryKey = "DataProtection:KeysDirectory";

    public static IHostApplicationBuilder AddSharedKeysDirectory(this IHostApplicationBuilder builder)
    {
        var directory = builder.Configuration[KeysDirectoryKey];
        if (string.IsNullOrWhiteSpace(directory))
        {
            return builder;
        }

        builder.Services.AddDataProtection()
            .SetApplicationName(SharedCircuitState.ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(directory, builder.Environment.ContentRootPath)));
        return builder;
    }
}
