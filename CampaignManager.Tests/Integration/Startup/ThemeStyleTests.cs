using System.Net;
using System.Text.RegularExpressions;
using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.Integration.Startup;

/// <summary>
/// The app's theme (MudBlazor's CSS variables) is rendered once per page by the static host page, not by the
/// interactive layout, where every open tab's circuit kept its own copy for as long as the tab stayed open.
/// The Bootstrap-styled account pages stay without it. A real Kestrel host; the pages as a browser first gets them.
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Integration)]
public sealed partial class ThemeStyleTests(ThemeStyleTests.Host host) : IClassFixture<ThemeStyleTests.Host>
{
    public sealed class Host : AppHost;

    [Theory]
    [InlineData("/")]
    [InlineData("/not-found")]
    public async Task WhenAnAppPageIsServed_ThenItCarriesTheThemeExactlyOnce(string path)
    {
        var html = await GetPageAsync(path);

        Assert.Single(PrimaryColourVariable().Matches(html));
        Assert.Contains("--mud-palette-appbar-background:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenAnAppPageIsServed_ThenTheThemeIsOutsideTheInteractiveRoot()
    {
        var html = await GetPageAsync("/");
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];

        // Blazor marks where the prerendered interactive root (the router, the layout, the page) begins; what
        // comes before it is static and is not kept by the circuit.
        var interactiveRoot = body.IndexOf("<!--Blazor:", StringComparison.Ordinal);
        var theme = PrimaryColourVariable().Match(body);
        Assert.True(interactiveRoot > 0, "The page has no prerendered interactive root.");
        Assert.True(theme.Success && theme.Index < interactiveRoot,
            $"The theme's style should come before the interactive root (at {interactiveRoot}); found at {(theme.Success ? theme.Index : -1)}.");
    }

    [Fact]
    public async Task WhenTheSignInPageIsServed_ThenItHasNoMudBlazorTheme()
    {
        var html = await GetPageAsync("/Account/Login");

        Assert.Empty(PrimaryColourVariable().Matches(html));
    }

    private async Task<string> GetPageAsync(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = host.CreateHttpClient();
        using var response = await client.GetAsync(path.TrimStart('/'), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(ct);
    }

    [GeneratedRegex("--mud-palette-primary:")]
    private static partial Regex PrimaryColourVariable();
}
