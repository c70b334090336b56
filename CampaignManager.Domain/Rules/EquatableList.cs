using System.Collections;
using System.Collections.Immutable;

namespace CampaignManager.Domain.Rules;

/// <summary>
/// A read-only list that compares by content. Records compare <see cref="IReadOnlyList{T}"/> members by
/// reference, which would make every recomputed derived value look "changed"; wrapping the member in
/// this type keeps the record's synthesized equality meaningful.
/// </summary>
internal sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly ImmutableArray<T> _items;

    private EquatableList(ImmutableArray<T> items) => _items = items;

    public static EquatableList<T> Empty { get; } = new([]);

    /// <summary>Copies <paramref name="items"/> (null counts as empty: stored JSON may predate a member).</summary>
    public static EquatableList<T> From(IEnumerable<T>? items) => items switch
    {
        null => Empty,
        EquatableList<T> list => list,
        _ => new EquatableList<T>([.. items]),
    };

    public T this[int index] => _items[index];

    public int Count => _items.Length;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(EquatableList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || _items.SequenceEqual(other._items));

    public override bool Equals(object? obj) => obj is EquatableList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    // Records print their members; a readable list makes assertion failures and logs useful.
    public override string ToString() => $"[{string.Join(", ", _items)}]";
}
