using MudBlazor;

namespace CampaignManager.Web.Components.Shared;

public static class ConfirmDelete
{
    /// <summary>Asks before anything is deleted; true only when the user confirmed.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string action = "Delete") =>
        await dialogs.ShowMessageBoxAsync(title, message, yesText: action, cancelText: "Cancel") == true;
}
