using System.Security.Claims;
using CampaignManager.Domain.Common;
using CampaignManager.Tests.E2E.Sessions;
using CampaignManager.Tests.Integration.Realtime;
using CampaignManager.Tests.Realtime;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Accounts;
using CampaignManager.Web.Realtime;
using CampaignManager.Web.Realtime.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CampaignManager.Tests.Integration.Sessions;

/// <summary>The user channel of two real app instances on one redis-server: delivery, subscription lifetime, authorization.</summary>
[Collection(RedisCollection.Name)]
[Trait(TestCategories.Trait, TestCategories.Integration)]
public class UserChannelAcrossInstancesTests(TwoAppInstances apps, RedisServerFixture redis) : IClassFixture<TwoAppInstances>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WhenOneInstancePublishes_ThenTheUsersListenersOnTheOtherGetItOnce_AndTheChannelIsHeldOnlyWhileOneListens()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await apps.First.ActorAsync("tamsin@example.com");
        var channel = RedisUserSessionChannel.ChannelName(Prefix, user.UserId);
        var events = apps.Second.Services.GetRequiredService<UserSessionEvents>();
        Assert.Equal(0, await SubscribersOnRedisAsync(channel, ct));

        var tab1 = new List<UserSessionMessage>();
        var tab2 = new List<UserSessionMessage>();
        var first = await events.ListenAsync(SignedIn(user), Collect(tab1), ct);
        var second = await events.ListenAsync(SignedIn(user), Collect(tab2), ct);
        Assert.Equal(1, await SubscribersOnRedisAsync(channel, ct));

        var sent = UserSessionMessage.SignedOut(user.UserId, "session-1");
        await apps.First.Services.GetRequiredService<UserSessionEvents>().PublishAsync(sent, ct);
        await Poll.UntilAsync(() => Count(tab1) == 1 && Count(tab2) == 1, Bound, "both listeners on the other instance got the message", ct);
        Assert.Equal(sent, Single(tab1));

        await first.DisposeAsync();
        Assert.Equal(1, await SubscribersOnRedisAsync(channel, ct));
        await second.DisposeAsync();
        await Poll.UntilAsync(async () => await SubscribersOnRedisAsync(channel, ct) == 0, Bound, $"{channel} has no subscriber", ct);
        Assert.Equal(0, events.UserCount);
    }

    [Fact]
    public async Task WhenMessagesForAnotherUserArePublished_ThenAListenerHearsOnlyItsOwnUser()
    {
        var ct = TestContext.Current.CancellationToken;
        var (tamsin, oskar) = (await apps.First.ActorAsync("tamsin@example.com"), await apps.First.ActorAsync("oskar@example.com"));
        var heard = new List<UserSessionMessage>();
        await using var listening = await apps.Second.Services.GetRequiredService<UserSessionEvents>().ListenAsync(SignedIn(tamsin), Collect(heard), ct);
        var publisher = apps.First.Services.GetRequiredService<UserSessionEvents>();

        await publisher.PublishAsync(UserSessionMessage.SignedOutEverywhere(oskar.UserId), ct);
        await publisher.PublishAsync(UserSessionMessage.RolesChanged(tamsin.UserId), ct);

        // Redis keeps the order of one publisher: once Tamsin's message is in, Oskar's had its chance.
        await Poll.UntilAsync(() => Count(heard) == 1, Bound, "Tamsin's listener got her message", ct);
        Assert.Equal(UserSessionMessage.RolesChanged(tamsin.UserId), Single(heard));
    }

    [Fact]
    public async Task WhenSubscribingIsCancelledMidway_ThenTheUsersNextSubscriptionStillWorks_AndHearsMessages()
    {
        // Seen in the memory benchmark: a circuit's opening was cancelled while its user channel was
        // being subscribed, and every later tab of that user on the instance failed with "already subscribed".
        var ct = TestContext.Current.CancellationToken;
        var user = await apps.First.ActorAsync("idris@example.com");
        var channel = Assert.IsType<RedisUserSessionChannel>(apps.Second.Services.GetRequiredService<IUserSessionChannel>());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.SubscribeAsync(user.UserId, _ => ValueTask.CompletedTask, cancelled.Token));

        var heard = new List<UserSessionMessage>();
        await using var subscription = await channel.SubscribeAsync(user.UserId, Collect(heard), ct);
        var sent = UserSessionMessage.RolesChanged(user.UserId);
        await apps.First.Services.GetRequiredService<UserSessionEvents>().PublishAsync(sent, ct);
        await Poll.UntilAsync(() => Count(heard) == 1, Bound, "the new subscription got the message", ct);
        Assert.Equal(sent, Single(heard));
    }

    [Fact]
    public async Task WhenSomeoneWhoIsNotSignedInListens_ThenItIsRefused()
    {
        var events = apps.Second.Services.GetRequiredService<UserSessionEvents>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            events.ListenAsync(new ClaimsPrincipal(new ClaimsIdentity()), _ => ValueTask.CompletedTask, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WhenANonAdminChangesSiteRoles_ThenItIsForbidden_AndNothingChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        var (gm, oskar) = (await apps.First.ActorAsync("gm@example.com"), await apps.First.ActorAsync("oskar@example.com"));
        var roles = apps.First.Services.GetRequiredService<SiteRoleService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => roles.SetAdminAsync(gm, oskar.UserId, isAdmin: true, ct));
        await Assert.ThrowsAsync<ForbiddenException>(() => roles.ListAsync(gm, ct));
        // Claims that say "admin" do not count: the database does.
        await Assert.ThrowsAsync<ForbiddenException>(() => roles.SetAdminAsync(gm with { IsAdmin = true }, oskar.UserId, isAdmin: true, ct));
        Assert.False((await apps.First.ActorAsync("oskar@example.com")).IsAdmin);
    }

    [Fact]
    public async Task WhenAnAdminGivesTheAdminRole_ThenTheUsersListenersHearARoleChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, idris) = (await apps.First.ActorAsync("admin@example.com"), await apps.First.ActorAsync("idris@example.com"));
        var heard = new List<UserSessionMessage>();
        await using var listening = await apps.Second.Services.GetRequiredService<UserSessionEvents>().ListenAsync(SignedIn(idris), Collect(heard), ct);
        var roles = apps.First.Services.GetRequiredService<SiteRoleService>();

        await roles.SetAdminAsync(admin, idris.UserId, isAdmin: true, ct);
        try
        {
            await Poll.UntilAsync(() => Count(heard) == 1, Bound, "Idris's listener heard the role change", ct);
            Assert.Equal(UserSessionChange.RolesChanged, Single(heard).Change);
            Assert.True((await apps.First.ActorAsync("idris@example.com")).IsAdmin);
        }
        finally
        {
            await roles.SetAdminAsync(admin, idris.UserId, isAdmin: false, ct);
        }

        await Assert.ThrowsAsync<DomainValidationException>(() => roles.SetAdminAsync(admin, admin.UserId, isAdmin: false, ct));
    }

    private string Prefix => apps.First.Services.GetRequiredService<IOptions<RedisNotifierOptions>>().Value.ChannelPrefix;

    private static ClaimsPrincipal SignedIn(Actor actor) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, actor.UserId)], IdentityConstants.ApplicationScheme));

    private static Func<UserSessionMessage, ValueTask> Collect(List<UserSessionMessage> into) => message =>
    {
        lock (into)
        {
            into.Add(message);
        }

        return ValueTask.CompletedTask;
    };

    private static int Count(List<UserSessionMessage> messages)
    {
        lock (messages)
        {
            return messages.Count;
        }
    }

    private static UserSessionMessage Single(List<UserSessionMessage> messages)
    {
        lock (messages)
        {
            return Assert.Single(messages);
        }
    }

    private async Task<int> SubscribersOnRedisAsync(string channel, CancellationToken ct)
    {
        // PUBSUB NUMSUB answers [channel, count].
        var reply = await redis.ExecuteAsync(["PUBSUB", "NUMSUB", channel], ct) ?? "";
        return int.Parse(reply.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
