using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Startup;
using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Pages;

/// <summary>The Identity sign-in form (static server rendering).</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string email, string password = DatabaseInitializer.DemoPassword)
    {
        await page.GotoBlazorAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        // Commit, not the default Load (a wait for Load once hung the browser benchmark's sign-in for
        // 60 s); WaitForBlazorAsync then waits for the page the sign-in landed on.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForBlazorAsync();
    }
}
