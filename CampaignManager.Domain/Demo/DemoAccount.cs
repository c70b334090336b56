using CampaignManager.Domain.Campaigns;

namespace CampaignManager.Domain.Demo;

/// <summary>A demo user: <paramref name="Role"/> in The Vellmark Charter (null: no membership).</summary>
public sealed record DemoAccount(string Email, string DisplayName, CampaignRole? Role, bool IsAdmin = false)
{
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("gm@example.com", "Mara", CampaignRole.Owner),
        new("oskar@example.com", "Oskar", CampaignRole.Player),
        new("tamsin@example.com", "Tamsin", CampaignRole.Player),
        new("idris@example.com", "Idris", CampaignRole.Player),
        new("spectator@example.com", "Spectator", CampaignRole.Observer),
        new("outsider@example.com", "Outsider", null),
        new("admin@example.com", "Admin", null, IsAdmin: true),
    ];
}
