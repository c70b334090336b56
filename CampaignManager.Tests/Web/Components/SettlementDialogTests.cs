using Bunit;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Components.Pages.Settlements;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CampaignManager.Tests.Web.Components;

[Trait(TestCategories.Trait, TestCategories.Component)]
public class SettlementDialogTests : ComponentTestContext
{
    [Theory]
    [InlineData("", "Name is required.")]
    [InlineData("   ", "Name is required.")]
    [InlineData(null, "Name must be at most 100 characters (it has 10000).")]
    public async Task WhenTheNameIsInvalid_ThenTheDialogStaysOpenWithTheMessageAndNothingIsSaved(string? name, string message)
    {
        name ??= new string('x', 10_000);
        SignInAs(DemoActors.GameMaster);
        var dialogs = Render<MudDialogProvider>();
        var settlement = await Domain.Settlements.GetAsync(DemoActors.GameMaster, Domain.BrindleholdId, Xunit.TestContext.Current.CancellationToken);
        var access = new CampaignAccess(Domain.CampaignId, CampaignRole.Owner, false);
        var service = Services.GetService(typeof(IDialogService)) as IDialogService;
        await dialogs.InvokeAsync(() => service!.ShowAsync<SettlementEditDialog>("Edit", new DialogParameters<SettlementEditDialog>
        {
            { d => d.Settlement, settlement },
            { d => d.Access, access },
        }));
        var before = await Domain.SnapshotAsync();

        await dialogs.InvokeAsync(() => dialogs.Find("input").ChangeAsync(new ChangeEventArgs { Value = name }));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new MouseEventArgs()));

        dialogs.WaitForAssertion(() => Assert.Contains(message, dialogs.Find("[data-testid=form-errors]").TextContent));
        Assert.Equal(before, await Domain.SnapshotAsync());
    }

    [Fact]
    public async Task WhenTheLevelIs99_ThenTheDialogSaysTheRange()
    {
        SignInAs(DemoActors.GameMaster);
        var dialogs = Render<MudDialogProvider>();
        var settlement = await Domain.Settlements.GetAsync(DemoActors.GameMaster, Domain.BrindleholdId, Xunit.TestContext.Current.CancellationToken);
        var service = (IDialogService)Services.GetService(typeof(IDialogService))!;
        await dialogs.InvokeAsync(() => service.ShowAsync<SettlementEditDialog>("Edit", new DialogParameters<SettlementEditDialog>
        {
            { d => d.Settlement, settlement with { Level = 99 } },
            { d => d.Access, new CampaignAccess(Domain.CampaignId, CampaignRole.Owner, false) },
        }));

        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save").ClickAsync(new MouseEventArgs()));

        dialogs.WaitForAssertion(() => Assert.Contains("Level must be between 1 and 20 (got 99).", dialogs.Find("[data-testid=form-errors]").TextContent));
        Assert.Equal(3, (await Domain.SettlementRowAsync(Domain.BrindleholdId)).Level);
    }
}
