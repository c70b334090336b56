using Microsoft.AspNetCore.Identity;

namespace CampaignManager.Web.Data;

/// <summary>An account. <see cref="DisplayName"/> is what other players see ("Tamsin").</summary>
public class ApplicationUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";
}
