using CampaignManager.Tests.TestSupport;
using Microsoft.Playwright;

namespace CampaignManager.Tests.Infrastructure;

[Collection(BrowserCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.E2E)]
public class BrowserSmokeTests(BrowserFixture browser, AppHost host) : IClassFixture<AppHost>
{
    [Fact]
    public async Task WhenChromiumOpensTheLoginPage_ThenItShowsAPasswordFieldAndAScreenshotIsWritten()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);

        var response = await page.GotoBlazorAsync("/Account/Login");

        Assert.Equal(200, response?.Status);
        await Assertions.Expect(page.Locator("input[type=password]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        var screenshot = await browser.ScreenshotAsync(page, "infrastructure-login-page");
        Assert.True(new FileInfo(screenshot).Length > 1000, $"{screenshot} is missing or empty.");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(screenshot).Take(4));
    }

    [Fact]
    public async Task WhenChromiumOpensAnInteractivePage_ThenWaitForBlazorReturnsOnceTheCircuitHasRendered()
    {
        var page = await browser.NewPageAsync(host.BaseAddress);

        await page.GotoBlazorAsync("/");

        Assert.True(await page.EvaluateAsync<bool>("() => typeof Blazor.disconnect === 'function'"), "The circuit has not started.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Run your kingdom together" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "infrastructure-home-page");
    }
}
