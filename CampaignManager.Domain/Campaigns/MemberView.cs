namespace CampaignManager.Domain.Campaigns;

public sealed record MemberView(Guid Id, string UserId, string DisplayName, string Email, CampaignRole Role, long Revision);
