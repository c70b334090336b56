using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.WorldTime;

namespace CampaignManager.Tests.Domain.DomainTestSupport;

/// <summary>The six domain services over one <c>DomainServiceContext</c> (one "request scope").</summary>
public sealed record DomainServices(
    CampaignService Campaigns,
    MemberService Members,
    KingdomService Kingdoms,
    SettlementService Settlements,
    StructureService Structures,
    WorldTimeService WorldTime);
