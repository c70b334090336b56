using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Variables;

/// <summary>
/// Declares one typed variable of a settlement or structure. A schema marked
/// <see cref="Visibility.GameMasters"/> hides its value from players and observers everywhere.
/// </summary>
public sealed record VariableSchema(
    string Key,
    string Label,
    VariableType Type,
    Visibility Visibility = Visibility.Everyone,
    IReadOnlyList<string>? Choices = null,
    decimal? Min = null,
    decimal? Max = null)
{
    public bool Equals(VariableSchema? other) =>
        other is not null && Key == other.Key && Label == other.Label && Type == other.Type &&
        Visibility == other.Visibility && Min == other.Min && Max == other.Max &&
        (Choices ?? []).SequenceEqual(other.Choices ?? []);

    public override int GetHashCode() => HashCode.Combine(Key, Label, Type, Visibility, Min, Max);
}
