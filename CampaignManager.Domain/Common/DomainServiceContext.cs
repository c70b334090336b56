using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Rules;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Common;

/// <summary>What every domain service needs, injected once (a parameter object for the services).</summary>
public sealed class DomainServiceContext(
    IDbContextFactory<CampaignDbContext> dbFactory,
    DerivedValuesService derived,
    IEnumerable<ICampaignChangeObserver> observers,
    TimeProvider time)
{
    public IDbContextFactory<CampaignDbContext> DbFactory { get; } = dbFactory;

    public DerivedValuesService Derived { get; } = derived;

    public IEnumerable<ICampaignChangeObserver> Observers { get; } = observers;

    public TimeProvider Time { get; } = time;
}
