using System.Diagnostics;
using System.Globalization;

namespace CampaignManager.Benchmarks;

/// <summary>Percentiles (nearest rank) of a set of durations in milliseconds.</summary>
internal sealed class Distribution
{
    private readonly double[] _sorted;

    private Distribution(double[] sorted) => _sorted = sorted;

    public int Count => _sorted.Length;

    public double Max => Count == 0 ? double.NaN : _sorted[^1];

    public static Distribution Empty { get; } = new([]);

    public static Distribution Of(List<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        Array.Sort(sorted);
        return new Distribution(sorted);
    }

    public static double Milliseconds(long fromTimestamp, long toTimestamp) =>
        (toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency;

    public double Percentile(double p)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * Count);
        return _sorted[Math.Clamp(rank - 1, 0, Count - 1)];
    }

    /// <summary>"p50 / p99" for a table cell.</summary>
    public string Brief() => Count == 0 ? "–" : $"{Format(Percentile(50))} / {Format(Percentile(99))}";

    public static string Format(double milliseconds) => double.IsNaN(milliseconds)
        ? "–"
        : milliseconds.ToString(milliseconds < 10 ? "0.00" : milliseconds < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
