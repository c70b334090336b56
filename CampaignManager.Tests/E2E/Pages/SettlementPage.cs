using Microsoft.Playwright;

namespace CampaignManager.Tests.E2E.Pages;

/// <summary>A settlement: derived values, structures table, variables.</summary>
public sealed class SettlementPage(IPage page)
{
    public ILocator StructureNames => page.GetByTestId("structures-table").GetByTestId("structure-name");

    public async Task RenameStructureAsync(string currentName, string newName)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {currentName}", Exact = true }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(newName);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }
}
