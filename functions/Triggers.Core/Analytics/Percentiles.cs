namespace Triggers.Core.Analytics;

/// <summary>Order statistics by the nearest-rank method: a median and p90 that are values actually observed.</summary>
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
}
