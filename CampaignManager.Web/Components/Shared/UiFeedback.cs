using CampaignManager.Domain.Common;
using MudBlazor;

namespace CampaignManager.Web.Components.Shared;

/// <summary>Runs a domain call from the UI and turns the domain's errors into messages a person can act on.</summary>
public static class UiFeedback
{
    /// <summary>Runs <paramref name="call"/>; on a domain error shows it in a snackbar and returns false.</summary>
    public static async Task<bool> TryAsync(this ISnackbar snackbar, Func<Task> call, string? success = null)
    {
        try
        {
            await call();
            if (success is not null)
            {
                snackbar.Add(success, Severity.Success);
            }

            return true;
        }
        catch (DomainException ex)
        {
            snackbar.Add(ex.Message, ex is ConcurrencyConflictException ? Severity.Warning : Severity.Error);
            return false;
        }
    }
}
