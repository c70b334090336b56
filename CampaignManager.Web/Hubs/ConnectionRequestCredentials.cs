using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace CampaignManager.Web.Hubs;

/// <summary>
/// A hub connection's request lasts as long as the connection, and Kestrel keeps its headers and target with it.
/// Once the connection is authenticated nothing reads the access token again (the hub works from the compact
/// principal), so it is dropped: about 2 KB less per open connection (the token is a UTF-16 string of ~950
/// characters), and no bearer credential sits in a long-lived request for a heap dump to find.
/// </summary>
internal static class ConnectionRequestCredentials
{
    public const string QueryParameter = "access_token";

    public static void Forget(HttpContext? http)
    {
        if (http is null)
        {
            return;
        }

        var request = http.Request;
        if (!StringValues.IsNullOrEmpty(request.Headers.Authorization))
        {
            request.Headers.Authorization = StringValues.Empty;
        }

        if (!request.Query.ContainsKey(QueryParameter))
        {
            return;
        }

        // The parsed query and the raw query string are both replaced (the setter does both), and so is the raw
        // target Kestrel read from the request line.
        request.Query = new QueryCollection(request.Query
            .Where(parameter => !string.Equals(parameter.Key, QueryParameter, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(parameter => parameter.Key, parameter => parameter.Value, StringComparer.OrdinalIgnoreCase));
        if (http.Features.Get<IHttpRequestFeature>() is { } requestLine)
        {
            requestLine.RawTarget = request.PathBase + request.Path + request.QueryString;
        }
    }
}
