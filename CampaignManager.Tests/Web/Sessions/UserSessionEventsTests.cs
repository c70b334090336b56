using System.Security.Claims;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime.Users;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignManager.Tests.Web.Sessions;

/// <summary>The instance-wide table of user listeners over the in-memory channel (one instance).</summary>
[Trait(TestCategories.Trait, TestCategories.Unit)]
public class UserSessionEventsTests
{
    private readonly RecordingHandler _handler = new();
    private readonly UserSessionEvents _events;

    public UserSessionEventsTests() =>
        _events = new UserSessionEvents(new InMemoryUserSessionChannel(), [_handler], NullLogger<UserSessionEvents>.Instance);

    [Fact]
    public async Task AMessage_GoesToEachRegisteredHandlerOnce_AndToEveryListenerOfThatUser()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tab1, tab2, other) = (new List<UserSessionMessage>(), new List<UserSessionMessage>(), new List<UserSessionMessage>());
        await using var a = await _events.ListenAsync(SessionUsers.SignedIn("tamsin", "s1"), Into(tab1), ct);
        await using var b = await _events.ListenAsync(SessionUsers.SignedIn("tamsin", "s2"), Into(tab2), ct);
        await using var c = await _events.ListenAsync(SessionUsers.SignedIn("oskar", "s3"), Into(other), ct);

        await _events.PublishAsync(UserSessionMessage.RolesChanged("tamsin"), ct);

        Assert.Single(tab1);
        Assert.Single(tab2);
        Assert.Empty(other);
        Assert.Equal([UserSessionMessage.RolesChanged("tamsin")], _handler.Messages);
    }

    [Fact]
    public async Task WhenTheLastListenerOfAUserLeaves_ThenTheInstanceStopsListeningToThatUser()
    {
        var ct = TestContext.Current.CancellationToken;
        var heard = new List<UserSessionMessage>();
        var first = await _events.ListenAsync(SessionUsers.SignedIn("tamsin", "s1"), Into(heard), ct);
        var second = await _events.ListenAsync(SessionUsers.SignedIn("tamsin", "s2"), Into(heard), ct);
        Assert.Equal(1, _events.UserCount);

        await first.DisposeAsync();
        await first.DisposeAsync(); // twice is harmless
        await _events.PublishAsync(UserSessionMessage.SignedOutEverywhere("tamsin"), ct);
        Assert.Single(heard);
        await second.DisposeAsync();
        await _events.PublishAsync(UserSessionMessage.SignedOutEverywhere("tamsin"), ct);

        Assert.Equal(0, _events.UserCount);
        Assert.Single(heard);
        Assert.Single(_handler.Messages); // the instance no longer hears the user at all
    }

    [Fact]
    public async Task AFailingListener_DoesNotKeepTheMessageFromTheOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        var heard = new List<UserSessionMessage>();
        await using var failing = await _events.ListenAsync(SessionUsers.SignedIn("tamsin", "s1"), _ => throw new InvalidOperationException("boom"), ct);
        await using var healthy = await _events.ListenAsync(SessionUsers.SignedIn("tamsin", "s2"), Into(heard), ct);

        await _events.PublishAsync(UserSessionMessage.SignedOut("tamsin", "s2"), ct);

        Assert.Single(heard);
    }

    [Fact]
    public async Task AnAnonymousCircuit_CannotListen()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            _events.ListenAsync(new ClaimsPrincipal(new ClaimsIdentity()), Into([]), TestContext.Current.CancellationToken));
        Assert.Equal(0, _events.UserCount);
    }

    private static Func<UserSessionMessage, ValueTask> Into(List<UserSessionMessage> messages) => message =>
    {
        messages.Add(message);
        return ValueTask.CompletedTask;
    };

    private sealed class RecordingHandler : IUserSessionHandler
    {
        public List<UserSessionMessage> Messages { get; } = [];

        public ValueTask HandleAsync(UserSessionMessage message, CancellationToken ct)
        {
            Messages.Add(message);
            return ValueTask.CompletedTask;
        }
    }
}
