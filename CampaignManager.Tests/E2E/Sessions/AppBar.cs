using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Sessions;

/// <summary>The app bar of a signed-in page: the user menu and the admin-only link.</summary>
public sealed class AppBar(IPage page)
{
    public ILocator SiteAdminLink => page.GetByTestId("site-admin-link");

    public async Task SignOutAsync(bool everywhere = false)
    {
        // MudMenu puts the test id on its root or on the activator button, depending on the version.
        await page.Locator("[data-testid=user-menu] button, button[data-testid=user-menu]").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = everywhere ? "Sign out everywhere" : "Sign out", Exact = true }).ClickAsync();
    }
}
