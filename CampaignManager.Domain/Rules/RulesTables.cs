using System.Collections.Frozen;
using System.Globalization;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Settlements;

namespace CampaignManager.Domain.Rules;

/// <summary>The Kingmaker-style numbers behind <see cref="RulesEngine"/> (see DOMAIN.md, "Derived values").</summary>
internal static class RulesTables
{
    // Control DC by kingdom level 1–20 (index 0 is level 1).
    private static readonly int[] ControlDcByLevel =
        [14, 15, 16, 18, 20, 22, 23, 24, 26, 27, 28, 30, 31, 32, 34, 35, 36, 38, 39, 40];

    private static readonly FrozenDictionary<LeadershipSeat, (int Value, string AppliesTo)> Vacancies =
        new Dictionary<LeadershipSeat, (int Value, string AppliesTo)>
        {
            [LeadershipSeat.Ruler] = (-1, "all kingdom checks"),
            [LeadershipSeat.Counselor] = (-1, "Culture-based checks"),
            [LeadershipSeat.General] = (-4, "Warfare checks"),
            [LeadershipSeat.Emissary] = (-1, "Loyalty-based checks"),
            [LeadershipSeat.Magister] = (-4, "Magic checks"),
            [LeadershipSeat.Marshal] = (-4, "Exploration checks"),
            [LeadershipSeat.Treasurer] = (-1, "Economy-based checks"),
            [LeadershipSeat.Viceroy] = (-1, "Stability-based checks"),
            [LeadershipSeat.Warden] = (-4, "Defense checks"),
        }.ToFrozenDictionary();

    /// <summary>floor((score − 10) / 2); C#'s <c>/</c> truncates towards zero, which is wrong for odd scores below 10.</summary>
    public static int AbilityModifier(int score) => (int)Math.Floor((score - 10) / 2.0);

    /// <summary>Size band 0–4 for &lt;10, 10–24, 25–49, 50–99 and 100+ hexes; drives die size, DC and storage.</summary>
    public static int SizeBand(int sizeHexes) => sizeHexes switch
    {
        < 10 => 0,
        < 25 => 1,
        < 50 => 2,
        < 100 => 3,
        _ => 4,
    };

    public static int ResourceDieSize(int sizeHexes) => 4 + (2 * SizeBand(sizeHexes));

    public static int ResourceDiceCount(int level, int bonus, int penalty) => Math.Max(0, level + 4 + bonus - penalty);

    // Levels outside 1–20 are rejected when written; clamping keeps a bad row from crashing a whole campaign's view.
    public static int ControlDc(int level, int sizeHexes) =>
        ControlDcByLevel[Math.Clamp(level, 1, ControlDcByLevel.Length) - 1] + SizeBand(sizeHexes);

    public static int UnrestPenalty(int unrest) => unrest switch
    {
        <= 0 => 0,
        <= 4 => -1,
        <= 9 => -2,
        <= 14 => -3,
        _ => -4,
    };

    public static int CommodityBaseCapacity(int sizeHexes) => 4 * (SizeBand(sizeHexes) + 1);

    public static int SettlementBaseConsumption(SettlementType type) => type switch
    {
        SettlementType.Village => 1,
        SettlementType.Town => 2,
        SettlementType.City => 4,
        SettlementType.Metropolis => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown settlement type."),
    };

    public static int MaxItemBonus(SettlementType type) => type switch
    {
        SettlementType.Village or SettlementType.Town => 1,
        SettlementType.City => 2,
        SettlementType.Metropolis => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown settlement type."),
    };

    public static VacancyPenalty VacancyPenalty(LeadershipSeat seat)
    {
        var (value, appliesTo) = Vacancies[seat];
        return new VacancyPenalty(seat, $"{FormatSigned(value)} to {appliesTo}", value);
    }

    // Typographic minus (U+2212), as players read it in the rulebook: "−1 to Culture-based checks".
    private static string FormatSigned(int value) =>
        value < 0
            ? "\u2212" + (-value).ToString(CultureInfo.InvariantCulture)
            : "+" + value.ToString(CultureInfo.InvariantCulture);
}
