using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Tests.Domain.DomainTestSupport;

namespace CampaignManager.Tests.Domain.Services;

/// <summary>Membership: who can be added, and that a campaign always keeps an owner.</summary>
[Trait("Category", "Unit")]
public sealed class MemberServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenOwnerAddsAnEmailWithoutAccount_ThenValidationErrorAndNoMemberIsAdded()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Members.AddAsync(DemoActors.GameMaster, fixture.CampaignId, "nobody@example.com", CampaignRole.Player, Ct),
            "email",
            "No account uses the email 'nobody@example.com'.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task WhenOwnerAddsAnEmptyEmail_ThenValidationError(string email)
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await DomainAssert.InvalidAsync(
            fixture, () => fixture.Members.AddAsync(DemoActors.GameMaster, fixture.CampaignId, email, CampaignRole.Player, Ct), "email", "Email is required.");
    }

    [Theory]
    [InlineData("tamsin@example.com")]
    [InlineData("  TAMSIN@example.com ")]
    public async Task WhenOwnerAddsAnExistingMember_ThenValidationErrorAndTheirRoleIsKept(string email)
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Members.AddAsync(DemoActors.GameMaster, fixture.CampaignId, email, CampaignRole.GameMaster, Ct),
            "email",
            "Tamsin is already a member.");
    }

    [Fact]
    public async Task WhenOwnerAddsANewcomer_ThenTheyBecomeAMemberWithTheirAccountDetails()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        var member = await fixture.Members.AddAsync(DemoActors.GameMaster, fixture.CampaignId, " Newcomer@Example.com ", CampaignRole.Player, Ct);

        Assert.Equal(DemoActors.Newcomer.UserId, member.UserId);
        Assert.Equal(DemoActors.NewcomerEmail, member.Email);
        Assert.Equal(CampaignRole.Player, member.Role);
        var summary = Assert.Single(await fixture.Campaigns.ListAsync(DemoActors.Newcomer, Ct));
        Assert.Equal(CampaignRole.Player, summary.Role);
        Assert.Equal("Mara added Nell as Player", Assert.Single(Assert.Single(fixture.Observer.CommittedChanges).Changes).Summary);
    }

    [Fact]
    public async Task WhenTheOnlyOwnerIsDemoted_ThenValidationErrorAndTheyStayOwner()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Members.ChangeRoleAsync(DemoActors.GameMaster, fixture.CampaignId, DemoActors.GameMaster.UserId, CampaignRole.GameMaster, Ct),
            "role",
            "at least one owner");
    }

    [Fact]
    public async Task WhenAdminDemotesTheOnlyOwner_ThenValidationErrorToo()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Members.ChangeRoleAsync(DemoActors.Admin, fixture.CampaignId, DemoActors.GameMaster.UserId, CampaignRole.Player, Ct),
            "role",
            "at least one owner");
    }

    [Fact]
    public async Task WhenTheOnlyOwnerIsRemoved_ThenValidationErrorAndTheyStayAMember()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await DomainAssert.InvalidAsync(
            fixture,
            () => fixture.Members.RemoveAsync(DemoActors.Admin, fixture.CampaignId, DemoActors.GameMaster.UserId, Ct),
            "role",
            "at least one owner");
    }

    [Fact]
    public async Task WhenThereIsASecondOwner_ThenTheFirstCanStepDown()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        await fixture.Members.ChangeRoleAsync(DemoActors.GameMaster, fixture.CampaignId, DemoActors.GameMasterNotOwner.UserId, CampaignRole.Owner, Ct);

        var result = await fixture.Members.ChangeRoleAsync(DemoActors.GameMaster, fixture.CampaignId, DemoActors.GameMaster.UserId, CampaignRole.GameMaster, Ct);

        Assert.Equal(["role"], result.ChangedFields);
        var members = await fixture.Members.ListAsync(DemoActors.Observer, fixture.CampaignId, Ct);
        Assert.Equal(CampaignRole.GameMaster, members.Single(m => m.UserId == DemoActors.GameMaster.UserId).Role);
        Assert.Equal(CampaignRole.Owner, members.Single(m => m.UserId == DemoActors.GameMasterNotOwner.UserId).Role);
        // Mara no longer manages members; Gideon now does.
        await Assert.ThrowsAsync<ForbiddenException>(() => fixture.Members.RemoveAsync(DemoActors.GameMaster, fixture.CampaignId, DemoActors.Player2.UserId, Ct));
        await fixture.Members.RemoveAsync(DemoActors.GameMasterNotOwner, fixture.CampaignId, DemoActors.Player2.UserId, Ct);
    }

    [Fact]
    public async Task WhenAMemberIsRemoved_ThenTheyLoseAccessAtOnce()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        await fixture.Campaigns.GetAsync(DemoActors.Player2, fixture.CampaignId, Ct);

        await fixture.Members.RemoveAsync(DemoActors.GameMaster, fixture.CampaignId, DemoActors.Player2.UserId, Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => fixture.Campaigns.GetAsync(DemoActors.Player2, fixture.CampaignId, Ct));
        Assert.Empty(await fixture.Campaigns.ListAsync(DemoActors.Player2, Ct));
    }

    [Fact]
    public async Task WhenAnAdminWhoIsNoMemberListsCampaigns_ThenTheDemoCampaignIsListedWithoutARole()
    {
        await using var fixture = await DomainFixture.CreateAsync();
        var otherId = await fixture.Campaigns.CreateAsync(DemoActors.Outsider, "The Outsider's Game", ct: Ct);

        var campaigns = await fixture.Campaigns.ListAsync(DemoActors.Admin, Ct);

        Assert.Equal(2, campaigns.Count);
        var demo = Assert.Single(campaigns, c => c.Id == fixture.CampaignId);
        Assert.Null(demo.Role);
        Assert.Equal(1, demo.KingdomCount);
        Assert.Contains(campaigns, c => c.Id == otherId);
        Assert.DoesNotContain(await fixture.Campaigns.ListAsync(DemoActors.GameMaster, Ct), c => c.Id == otherId);
    }

    [Fact]
    public async Task WhenAnUnknownUserIdIsRemoved_ThenNotFound()
    {
        await using var fixture = await DomainFixture.CreateAsync();

        await DomainAssert.RejectedWithoutTraceAsync<NotFoundException>(
            fixture, () => fixture.Members.RemoveAsync(DemoActors.GameMaster, fixture.CampaignId, "user-nobody", Ct));
    }
}
