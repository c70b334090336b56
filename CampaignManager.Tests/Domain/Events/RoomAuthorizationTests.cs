using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Tests.Domain.DomainTestSupport;

namespace CampaignManager.Tests.Domain.Events;

/// <summary>
/// Who may listen to which room (ARCHITECTURE.md §2, §5): the room's entity must be visible to the
/// actor through its campaign; outsiders, hidden entities and unknown ids all look "not found";
/// a name that is no room is invalid for everyone; and a granted room tells the campaign and the
/// stream (game masters' or everyone's) the subscriber receives.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RoomAuthorizationTests : IAsyncLifetime
{
    private static readonly string[] Actors =
        [nameof(DemoActors.Outsider), nameof(DemoActors.Observer), nameof(DemoActors.Player), nameof(DemoActors.GameMasterNotOwner), nameof(DemoActors.GameMaster), nameof(DemoActors.Admin)];

    // The expected outcome per room, for the actors in the order of Actors.
    private static readonly Dictionary<string, Outcome[]> Rooms = new()
    {
        ["campaign"] = [Outcome.NotFound, Outcome.Everyone, Outcome.Everyone, Outcome.GameMasters, Outcome.GameMasters, Outcome.GameMasters],
        ["settlement:Brindlehold"] = [Outcome.NotFound, Outcome.Everyone, Outcome.Everyone, Outcome.GameMasters, Outcome.GameMasters, Outcome.GameMasters],
        ["settlement:GreywaterLanding(GM-only)"] = [Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.GameMasters, Outcome.GameMasters, Outcome.GameMasters],
        ["structure:Mill"] = [Outcome.NotFound, Outcome.Everyone, Outcome.Everyone, Outcome.GameMasters, Outcome.GameMasters, Outcome.GameMasters],
        ["structure:Inn(in Greywater)"] = [Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.GameMasters, Outcome.GameMasters, Outcome.GameMasters],
        ["structure:unknown"] = [Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound],
        ["settlement:unknown"] = [Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound],
        ["campaign:unknown"] = [Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound],
        ["settlement:malformed"] = [Outcome.Invalid, Outcome.Invalid, Outcome.Invalid, Outcome.Invalid, Outcome.Invalid, Outcome.Invalid],
    };

    private static readonly Guid UnknownId = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    private DomainFixture? _domain;

    public enum Outcome
    {
        NotFound,
        Invalid,
        Everyone,
        GameMasters,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DomainFixture Domain => _domain ?? throw new InvalidOperationException("InitializeAsync has not run.");

    private EventLogService Log => new(new DomainServiceContext(Domain.DbFactory, Domain.Derived, [Domain.Observer], Domain.Time));

    public static TheoryData<string, string, Outcome> Matrix
    {
        get
        {
            var data = new TheoryData<string, string, Outcome>();
            foreach (var (room, outcomes) in Rooms)
            {
                for (var i = 0; i < Actors.Length; i++)
                {
                    data.Add(Actors[i], room, outcomes[i]);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> NotRooms =>
    [
        "",
        "campaign:",
        "campaign:not-a-guid",
        "settlement:{id}",
        "kingdom:{campaign}",
        "Campaign:{campaign}",
        "{campaign}",
        "campaign/{campaign}",
    ];

    /// <summary>Other spellings of the demo campaign's room that <see cref="Guid.TryParse(string?, out Guid)"/> also accepts.</summary>
    public static TheoryData<string> OtherSpellingsOfTheCampaignRoom =>
    [
        "upper case",
        "no hyphens",
        "braces",
        "leading space",
    ];

    public async ValueTask InitializeAsync() => _domain = await DomainFixture.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_domain is not null)
        {
            await _domain.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task WhenAnActorAsksForARoom_ThenTheAnswerFollowsTheVisibilityMatrix(string actorName, string roomKey, Outcome expected)
    {
        var actor = DemoActors.ByName(actorName);
        var room = RoomFor(roomKey);

        switch (expected)
        {
            case Outcome.NotFound:
                await Assert.ThrowsAsync<NotFoundException>(() => Log.AuthorizeRoomAsync(actor, room, Ct));
                break;
            case Outcome.Invalid:
                var invalid = await Assert.ThrowsAsync<DomainValidationException>(() => Log.AuthorizeRoomAsync(actor, room, Ct));
                Assert.True(invalid.Errors.ContainsKey("room"), $"Expected an error for 'room', got: {string.Join(", ", invalid.Errors.Keys)}");
                break;
            default:
                var access = await Log.AuthorizeRoomAsync(actor, room, Ct);
                Assert.Equal(room, access.Room);
                Assert.Equal(Domain.CampaignId, access.CampaignId);
                Assert.Equal(expected == Outcome.GameMasters ? Visibility.GameMasters : Visibility.Everyone, access.Audience);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(NotRooms))]
    public async Task WhenTheNameIsNoRoom_ThenItIsInvalidEvenForTheOwner(string template)
    {
        var room = template.Replace("{campaign}", Domain.CampaignId.ToString(), StringComparison.Ordinal)
            .Replace("{id}", "12345", StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<DomainValidationException>(() => Log.AuthorizeRoomAsync(DemoActors.GameMaster, room, Ct));

        Assert.True(invalid.Errors.ContainsKey("room"));
    }

    [Fact]
    public async Task WhenTheRoomNameIsHuge_ThenTheErrorQuotesOnlyItsBeginning()
    {
        var room = "settlement:" + new string('x', 10_000);

        var invalid = await Assert.ThrowsAsync<DomainValidationException>(() => Log.AuthorizeRoomAsync(DemoActors.GameMaster, room, Ct));

        Assert.All(invalid.Errors["room"], message => Assert.True(message.Length < 300, $"The message is {message.Length} characters long."));
    }

    /// <summary>
    /// Subscribers are matched to events by the exact room string (RoomSubscription.Matches, ordinal),
    /// and events name rooms as <see cref="RoomNames"/> writes them. A room granted under another
    /// spelling of the same id would be a subscription that never receives anything, so the grant
    /// must either refuse it or hand back the canonical name.
    /// </summary>
    [Theory]
    [MemberData(nameof(OtherSpellingsOfTheCampaignRoom))]
    public async Task WhenTheRoomIdIsSpelledDifferently_ThenTheGrantIsRefusedOrUsesTheCanonicalName(string spelling)
    {
        var id = Domain.CampaignId;
        var room = RoomNames.CampaignPrefix + spelling switch
        {
            "upper case" => id.ToString("D").ToUpperInvariant(),
            "no hyphens" => id.ToString("N"),
            "braces" => id.ToString("B"),
            "leading space" => " " + id.ToString("D"),
            _ => throw new ArgumentOutOfRangeException(nameof(spelling), spelling, null),
        };

        RoomAccess access;
        try
        {
            access = await Log.AuthorizeRoomAsync(DemoActors.GameMaster, room, Ct);
        }
        catch (DomainValidationException)
        {
            return; // Refused: fine.
        }

        Assert.Equal(RoomNames.Campaign(id), access.Room);
    }

    private string RoomFor(string key) => key switch
    {
        "campaign" => RoomNames.Campaign(Domain.CampaignId),
        "settlement:Brindlehold" => RoomNames.Settlement(Domain.BrindleholdId),
        "settlement:GreywaterLanding(GM-only)" => RoomNames.Settlement(Domain.GreywaterLandingId),
        "structure:Mill" => RoomNames.Structure(Domain.MillId),
        "structure:Inn(in Greywater)" => RoomNames.Structure(Domain.InnId),
        "structure:unknown" => RoomNames.Structure(UnknownId),
        "settlement:unknown" => RoomNames.Settlement(UnknownId),
        "campaign:unknown" => RoomNames.Campaign(UnknownId),
        "settlement:malformed" => RoomNames.SettlementPrefix + "brindlehold",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };
}
