namespace Triggers.Core.Analytics;

/// <summary>
/// Order statistics. The median is the usual one, the middle value or, of an even number, the mean of the two middle
/// ones, which is what a reader of "median" computes for themselves; the other percentiles (p25, p90) are by the
/// nearest-rank method, values actually observed.
/// </summary>
internal static class Percentiles
{
    public static double? Of(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static double? Median(IReadOnlyList<double> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2,
    };
}
