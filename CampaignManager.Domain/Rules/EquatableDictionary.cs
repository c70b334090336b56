using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace CampaignManager.Domain.Rules;

/// <summary>
/// A read-only dictionary that compares by content and enumerates in key order. Records compare
/// <see cref="IReadOnlyDictionary{TKey, TValue}"/> members by reference; this type keeps their synthesized
/// equality meaningful, and the stable order keeps serialized payloads deterministic.
/// </summary>
internal sealed class EquatableDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IEquatable<EquatableDictionary<TKey, TValue>>
    where TKey : notnull
{
    // Comparer<string>.Default is culture-sensitive; check names and keys are identifiers, so ordinal.
    private static readonly IComparer<TKey> KeyComparer =
        typeof(TKey) == typeof(string) ? (IComparer<TKey>)StringComparer.Ordinal : Comparer<TKey>.Default;

    private readonly ImmutableSortedDictionary<TKey, TValue> _items;

    private EquatableDictionary(ImmutableSortedDictionary<TKey, TValue> items) => _items = items;

    public static EquatableDictionary<TKey, TValue> Empty { get; } =
        new(ImmutableSortedDictionary.Create<TKey, TValue>(KeyComparer));

    /// <summary>Copies <paramref name="items"/> (null counts as empty: stored JSON may predate a member).</summary>
    public static EquatableDictionary<TKey, TValue> From(IEnumerable<KeyValuePair<TKey, TValue>>? items) => items switch
    {
        null => Empty,
        EquatableDictionary<TKey, TValue> dictionary => dictionary,
        _ => new EquatableDictionary<TKey, TValue>(items.ToImmutableSortedDictionary(KeyComparer)),
    };

    public TValue this[TKey key] => _items[key];

    public IEnumerable<TKey> Keys => _items.Keys;

    public IEnumerable<TValue> Values => _items.Values;

    public int Count => _items.Count;

    public bool ContainsKey(TKey key) => _items.ContainsKey(key);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(EquatableDictionary<TKey, TValue>? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        foreach (var (key, value) in _items)
        {
            if (!other._items.TryGetValue(key, out var otherValue)
                || !EqualityComparer<TValue>.Default.Equals(value, otherValue))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableDictionary<TKey, TValue> other && Equals(other);

    public override int GetHashCode()
    {
        // Both sides enumerate in the same key order, so an ordered hash is consistent with Equals.
        var hash = new HashCode();
        foreach (var (key, value) in _items)
        {
            hash.Add(key);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    // Records print their members; a readable map makes assertion failures and logs useful.
    public override string ToString() => $"{{{string.Join(", ", _items.Select(pair => $"{pair.Key}: {pair.Value}"))}}}";
}
