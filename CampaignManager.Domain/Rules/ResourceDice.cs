namespace CampaignManager.Domain.Rules;

/// <summary>A kingdom's resource dice, e.g. 7d6.</summary>
/// <param name="Count">Number of dice (never negative).</param>
/// <param name="DieSize">Faces per die: 4, 6, 8, 10 or 12.</param>
public sealed record ResourceDice(int Count, int DieSize)
{
    /// <summary>Dice notation, e.g. "7d6".</summary>
    public override string ToString() => $"{Count}d{DieSize}";
}
