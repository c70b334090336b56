using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CampaignManager.Tests.Integration.Api;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignManager.Tests.Integration.Sessions;

/// <summary>
/// Signing out tells the browser's other tabs (the user channel) only after the response that clears the cookie
/// has gone out. The tab that posted the form hears the message too: told earlier, its circuit navigated away
/// while that response was on its way, the browser dropped it with its Set-Cookie, and every tab stayed signed in.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public sealed partial class SignOutOrderTests
{
    private const string Email = "gm@example.com";
    private const string Password = "Vellmark!2026";

    [Fact]
    public async Task WhenABrowserSignsOut_ThenItsTabsHearOfItOnlyAfterTheResponseThatClearsItsCookie()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = AppHost.StartNew();
        using var browser = host.CreateHttpClient(new CookieContainer());
        await SignInAsync(browser, ct);
        var token = await AntiforgeryTokenAsync(browser, "Account/Manage", ct);
        var gmId = await host.UserIdAsync(Email);
        var responseArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The in-memory channel delivers inside the publish: a listener that waits for the response would
        // hold it up (and time out) if the message went out before the response.
        await using var tab = await host.Services.GetRequiredService<UserSessionEvents>().ListenAsync(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, gmId)], IdentityConstants.ApplicationScheme)),
            async message =>
            {
                if (message.Change == UserSessionChange.SignedOut)
                {
                    var first = await Task.WhenAny(responseArrived.Task, Task.Delay(TimeSpan.FromSeconds(5), ct));
                    heard.TrySetResult(first == responseArrived.Task);
                }
            },
            ct);

        using var response = await browser.PostAsync("Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["ReturnUrl"] = "campaigns",
        }), ct);
        responseArrived.SetResult();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=;", StringComparison.Ordinal));
        Assert.True(await heard.Task.WaitAsync(TimeSpan.FromSeconds(15), ct), "The sign-out reached the tabs before the response that clears the cookie.");
    }

    private static async Task SignInAsync(HttpClient browser, CancellationToken ct)
    {
        var token = await AntiforgeryTokenAsync(browser, "Account/Login", ct);
        using var response = await browser.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = Email,
            ["Input.Password"] = Password,
            ["Input.RememberMe"] = "false",
        }), ct);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in answered {(int)response.StatusCode}.");
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string page, CancellationToken ct)
    {
        var html = await browser.GetStringAsync(page, ct);
        return AntiforgeryInput().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{page} has no antiforgery token.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
