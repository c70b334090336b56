using CampaignManager.Domain.Common;

namespace CampaignManager.Tests.Domain.DomainTestSupport;

/// <summary>
/// The people of the demo campaign as the domain sees them. User ids are fixed ("user-" + the email's
/// local part) so tests can name them; <see cref="GameMasterNotOwner"/> exists only in tests.
/// </summary>
public static class DemoActors
{
    public const string GameMasterNotOwnerEmail = "gideon@example.com";
    public const string NewcomerEmail = "newcomer@example.com";

    /// <summary>Mara: GameMaster and the campaign's only Owner.</summary>
    public static Actor GameMaster { get; } = new("user-gm", "Mara");

    /// <summary>A test-only member with <c>CampaignRole.GameMaster</c> who is not an owner.</summary>
    public static Actor GameMasterNotOwner { get; } = new("user-gideon", "Gideon");

    public static Actor Player { get; } = new("user-oskar", "Oskar");

    public static Actor Player2 { get; } = new("user-tamsin", "Tamsin");

    public static Actor Observer { get; } = new("user-spectator", "Spectator");

    /// <summary>A registered user who is no member of the demo campaign.</summary>
    public static Actor Outsider { get; } = new("user-outsider", "Outsider");

    /// <summary>A site admin who is no member of the demo campaign.</summary>
    public static Actor Admin { get; } = new("user-admin", "Admin", IsAdmin: true);

    /// <summary>A registered user who is no member yet (for "add member").</summary>
    public static Actor Newcomer { get; } = new("user-newcomer", "Nell");

    public static Actor ByName(string name) => name switch
    {
        nameof(GameMaster) => GameMaster,
        nameof(GameMasterNotOwner) => GameMasterNotOwner,
        nameof(Player) => Player,
        nameof(Player2) => Player2,
        nameof(Observer) => Observer,
        nameof(Outsider) => Outsider,
        nameof(Admin) => Admin,
        nameof(Newcomer) => Newcomer,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such demo actor."),
    };

    /// <summary>Demo email → user id, as <c>DemoCampaign.Build</c> wants it.</summary>
    public static string UserIdOf(string email) => "user-" + email[..email.IndexOf('@', StringComparison.Ordinal)];
}
