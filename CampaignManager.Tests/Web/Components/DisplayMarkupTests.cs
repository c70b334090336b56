using Bunit;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Components.Shared;
using MudBlazor;
using MudBlazor.Services;

namespace CampaignManager.Tests.Web.Components;

/// <summary>
/// The display-only fragments (<see cref="Display"/>) stand in for MudBlazor components on the pages every
/// open tab holds, so they must look the same: each renders the element MudBlazor renders, with the same
/// classes and attributes (ids and event handlers of the interactive component aside).
/// </summary>
[Trait(TestCategories.Trait, TestCategories.Component)]
public class DisplayMarkupTests : BunitContext
{
    public DisplayMarkupTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public static TheoryData<Color, Variant> ChipLooks => new()
    {
        { Color.Default, Variant.Filled },
        { Color.Default, Variant.Outlined },
        { Color.Error, Variant.Filled },
        { Color.Error, Variant.Outlined },
        { Color.Primary, Variant.Outlined },
        { Color.Warning, Variant.Filled },
    };

    [Theory]
    [MemberData(nameof(ChipLooks))]
    public void WhenAChipIsDrawn_ThenItIsMudChipsSmallChip(Color color, Variant variant)
    {
        var mud = Render<MudChip<string>>(p => p.Add(c => c.Size, Size.Small).Add(c => c.Color, color).Add(c => c.Variant, variant).AddChildContent("Ruler: Amiri"));

        var drawn = Render(Display.Chip("Ruler: Amiri", color, variant));

        drawn.Find(".mud-chip").OuterHtml.MarkupMatches(mud.Find(".mud-chip").OuterHtml);
        Assert.Equal("mud-chip-container", drawn.Find(".mud-chip").ParentElement!.ClassName);
    }

    [Fact]
    public void WhenAChipHasAnIconAndATestId_ThenBothAreWhereMudChipPutsThem()
    {
        var mud = Render<MudChip<string>>(p => p
            .Add(c => c.Size, Size.Small).Add(c => c.Color, Color.Warning).Add(c => c.Icon, Icons.Material.Filled.VisibilityOff)
            .AddUnmatched("data-testid", "gm-only").AddChildContent("GM only"));

        var drawn = Render(Display.Chip("GM only", Color.Warning, icon: Icons.Material.Filled.VisibilityOff, testId: "gm-only"));

        drawn.Find(".mud-chip").OuterHtml.MarkupMatches(mud.Find(".mud-chip").OuterHtml);
    }

    [Theory]
    [InlineData(Color.Inherit)]
    [InlineData(Color.Default)]
    [InlineData(Color.Primary)]
    [InlineData(Color.Secondary)]
    public void WhenAnIconIsDrawn_ThenItIsMudIconsSvg(Color color)
    {
        var mud = Render<MudIcon>(p => p.Add(i => i.Icon, Icons.Material.Filled.CalendarMonth).Add(i => i.Color, color));

        var drawn = Render(Display.Icon(Icons.Material.Filled.CalendarMonth, color));

        drawn.MarkupMatches(mud.Markup);
    }

    [Fact]
    public void WhenAStatIsDrawn_ThenItIsACaptionOverAnH6InMudTextsMarkup()
    {
        var caption = Render<MudText>(p => p.Add(t => t.Typo, Typo.caption).Add(t => t.Color, Color.Secondary).AddChildContent("Control DC"));
        var value = Render<MudText>(p => p.Add(t => t.Typo, Typo.h6).Add(t => t.Class, "stat-value").AddChildContent("17"));

        var drawn = Render(Display.Stat("Control DC", "17", "control-dc"));

        drawn.MarkupMatches($"""<div class="stat" data-testid="control-dc">{caption.Markup}{value.Markup}</div>""");
    }

    [Fact]
    public void WhenAStatHasNoTestId_ThenItCarriesNoEmptyAttribute()
    {
        var drawn = Render(Display.Stat("Population", "1,200"));

        Assert.False(drawn.Find(".stat").HasAttribute("data-testid"));
    }
}
