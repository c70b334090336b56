using CampaignManager.Domain.Campaigns;

namespace CampaignManager.Tests.Domain.DomainTestSupport;

/// <summary>The accounts a <see cref="MemberService"/> may add, by email (case-insensitive, like Identity's normalized email).</summary>
public sealed class FakeUserDirectory : IUserDirectory
{
    private readonly Dictionary<string, DirectoryUser> _users = new(StringComparer.OrdinalIgnoreCase);

    public void Add(DirectoryUser user) => _users[user.Email] = user;

    public Task<DirectoryUser?> FindByEmailAsync(string email, CancellationToken ct) =>
        Task.FromResult(_users.GetValueOrDefault(email));
}
