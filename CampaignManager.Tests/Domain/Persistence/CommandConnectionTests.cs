using System.Diagnostics;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Settlements;
using CampaignManager.Tests.Domain.DomainTestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CampaignManager.Tests.Domain.Persistence;

/// <summary>
/// A command opens its database connection once: every open of a SQLite connection registers EF's SQL
/// functions on it again (a finalizable handle each), so a command that let EF open and close the
/// connection around each query paid that three times per write.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CommandConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenACommandCommits_ThenItOpenedItsConnectionOnce()
    {
        // Every context opens its own connection here (a shared-cache database), as with a file.
        await using var fixture = await DomainFixture.CreateAsync(parallelWriters: true);
        var factory = new RecordingFactory(fixture.DbFactory);
        var settlements = new SettlementService(new DomainServiceContext(factory, fixture.Derived, [fixture.Observer], fixture.Time));
        using var opens = new ConnectionOpenCounter(factory.Created);

        var result = await settlements.UpdateAsync(DemoActors.GameMaster, fixture.TallowfordId, new SettlementUpdate(Name: "Tallowford Crossing"), ct: Ct);

        Assert.True(result.Changed);
        Assert.Single(factory.Created);
        Assert.Equal(1, opens.Count);
    }

    /// <summary>Hands out the fixture's contexts and remembers each.</summary>
    private sealed class RecordingFactory(IDbContextFactory<CampaignDbContext> inner) : IDbContextFactory<CampaignDbContext>
    {
        public List<CampaignDbContext> Created { get; } = [];

        public CampaignDbContext CreateDbContext()
        {
            var context = inner.CreateDbContext();
            lock (Created)
            {
                Created.Add(context);
            }

            return context;
        }
    }

    /// <summary>Counts EF's "connection opened" events of the recorded contexts (EF's DiagnosticListener).</summary>
    private sealed class ConnectionOpenCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<CampaignDbContext> _contexts;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public ConnectionOpenCounter(List<CampaignDbContext> contexts)
        {
            _contexts = contexts;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.ConnectionOpened.Name && value.Value is ConnectionEndEventData data && data.Context is CampaignDbContext context)
            {
                lock (_contexts)
                {
                    if (_contexts.Contains(context))
                    {
                        Interlocked.Increment(ref _count);
                    }
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                foreach (var subscription in _subscriptions)
                {
                    subscription.Dispose();
                }
            }
        }
    }
}
