using Triggers.Core.Analytics;

namespace Triggers.Cli.Report;

/// <summary>Numbers derived from a stage report for drawing: where the accounts that entered a stage are now.</summary>
internal static class StageFacts
{
    /// <summary>Accounts that moved on to a later stage (each has a time in stage).</summary>
    public static int MovedOn(StageReport s) => s.DaysInStage.Count;

    /// <summary>Still in the stage, active and within its expected time.</summary>
    public static int InProgress(StageReport s) => Math.Max(0, s.Entered - MovedOn(s) - s.Stuck - s.Dropped);

    /// <summary>
    /// The stages that lose most accounts (stuck + dropped): the worst and any with at least half its count. The
    /// last stage is never one: there is no next stage to fail to reach.
    /// </summary>
    public static IReadOnlySet<string> Bottlenecks(SegmentReport segment)
    {
        var candidates = segment.Stages.Take(Math.Max(0, segment.Stages.Count - 1)).Where(s => s.Stuck + s.Dropped > 0).ToList();
        if (candidates.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var worst = candidates.Max(s => s.Stuck + s.Dropped);
        return candidates.Where(s => 2 * (s.Stuck + s.Dropped) >= worst).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Nearest-rank percentile of an ascending list (the analyzer's own method, for the quartiles it does not keep).</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
