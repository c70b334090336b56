using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Campaigns;

/// <summary>A user's role in one campaign. Display name and email are copied from the account.</summary>
public sealed class CampaignMember : IVersionedEntity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CampaignId { get; init; }

    public required string UserId { get; init; }

    public required string DisplayName { get; set; }

    public required string Email { get; set; }

    public CampaignRole Role { get; set; }

    public long Revision { get; set; }

    public Campaign Campaign { get; init; } = null!;
}
