using System.Collections.Concurrent;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using Microsoft.Extensions.Logging;

namespace CampaignManager.Domain.Rules;

/// <summary>
/// Caches the rules engine's output per campaign and audience, keyed by the campaign's event
/// sequence: a cached entry is valid exactly while no later change has committed. Commands store
/// the values they computed inside their transaction and raise <see cref="Changed"/>.
/// </summary>
public sealed class DerivedValuesService(ILogger<DerivedValuesService> logger)
{
    private static readonly Visibility[] Audiences = [Visibility.Everyone, Visibility.GameMasters];

    private readonly ConcurrentDictionary<(Guid CampaignId, Visibility Audience), CachedValues> _cache = new();

    /// <summary>The observable "these derived values changed" signal (the real-time layer turns it into events).</summary>
    public event Action<DerivedValuesChangedSignal>? Changed;

    /// <summary>Derived values of a loaded campaign for one audience, from the cache when still current.</summary>
    public CampaignDerivedValues Get(Campaign campaign, Visibility audience)
    {
        if (TryCached(campaign.Id, audience, campaign.EventSequence) is { } cached)
        {
            return cached;
        }

        var values = Compute(campaign, audience);
        _cache[(campaign.Id, audience)] = new CachedValues(campaign.EventSequence, values);
        return values;
    }

    /// <summary>Computes every audience's values of a (tracked, changed) campaign without caching them.</summary>
    internal IReadOnlyDictionary<Visibility, CampaignDerivedValues> ComputeAll(Campaign campaign) =>
        Audiences.ToDictionary(a => a, a => Compute(campaign, a));

    /// <summary>
    /// Every audience's values of a campaign just loaded under the write lock, which advanced its
    /// sequence by one: the cached values stored for the sequence before that are still exact (no
    /// other write can commit while the lock is held), so only a cold or stale cache computes.
    /// </summary>
    internal IReadOnlyDictionary<Visibility, CampaignDerivedValues> CurrentUnderLock(Campaign campaign)
    {
        var committed = campaign.EventSequence - 1;
        return Audiences.ToDictionary(a => a, a => TryCached(campaign.Id, a, committed) ?? Compute(campaign, a));
    }

    /// <summary>After a commit: store the new values and raise <see cref="Changed"/> when any differ.</summary>
    internal void Commit(
        Guid campaignId,
        long sequence,
        IReadOnlyDictionary<Visibility, CampaignDerivedValues> before,
        IReadOnlyDictionary<Visibility, CampaignDerivedValues> after,
        IReadOnlyDictionary<Visibility, IReadOnlyList<DerivedValuesChange>> changes)
    {
        foreach (var (audience, values) in after)
        {
            _cache[(campaignId, audience)] = new CachedValues(sequence, values);
        }

        if (changes.Values.All(c => c.Count == 0))
        {
            return;
        }

        try
        {
            Changed?.Invoke(new DerivedValuesChangedSignal(campaignId, sequence, after, changes));
        }
        catch (Exception ex)
        {
            // A failing listener must not turn a committed command into an error for its caller.
            logger.LogError(ex, "A derived-values listener failed for campaign {CampaignId}", campaignId);
        }
    }

    internal void Forget(Guid campaignId)
    {
        foreach (var audience in Audiences)
        {
            _cache.TryRemove((campaignId, audience), out _);
        }
    }

    internal static IReadOnlyDictionary<Visibility, IReadOnlyList<DerivedValuesChange>> Diff(
        IReadOnlyDictionary<Visibility, CampaignDerivedValues> before,
        IReadOnlyDictionary<Visibility, CampaignDerivedValues> after) =>
        after.ToDictionary(a => a.Key, a => DerivedValuesDiff.Compare(before.GetValueOrDefault(a.Key), a.Value));

    private CampaignDerivedValues? TryCached(Guid campaignId, Visibility audience, long sequence) =>
        _cache.TryGetValue((campaignId, audience), out var cached) && cached.Sequence == sequence ? cached.Values : null;

    private static CampaignDerivedValues Compute(Campaign campaign, Visibility audience) =>
        RulesEngine.Compute(RulesInputFactory.From(campaign, audience));

    private sealed record CachedValues(long Sequence, CampaignDerivedValues Values);
}
