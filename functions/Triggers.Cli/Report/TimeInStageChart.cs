using Triggers.Core.Analytics;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>
/// Time in stage: per stage a strip of the days each account that moved on spent there, a box from the 25th to
/// the 75th percentile, the median (blue) and the 90th percentile (vermillion) marked, and the figures beside it.
/// </summary>
internal static class TimeInStageChart
{
    private const int Width = 900, LabelX = 150, PlotX = 160, PlotWidth = 470, Row = 40, Top = 10, MaxDots = 300;

    public static string Draw(SegmentReport segment)
    {
        var stages = segment.Stages;
        var max = Math.Max(1, stages.SelectMany(s => s.DaysInStage).DefaultIfEmpty(0).Max());
        var step = TickStep(max);
        var scaleMax = Math.Ceiling(max / step) * step;
        double X(double days) => PlotX + PlotWidth * days / scaleMax;
        var bottom = Top + stages.Count * Row;
        var svg = new Svg(Width, bottom + 64, $"Time in stage for {segment.Label}",
            "Days accounts spent in each stage before moving on, with the median and the 90th percentile. " +
            string.Join("; ", stages.Select(s => $"{s.Name}: median {N(s.MedianDays)} days, p90 {N(s.P90Days)} days")));
        for (var t = 0.0; t <= scaleMax + 1e-9; t += step)
        {
            svg.Line(X(t), Top, X(t), bottom, Palette.Grid);
            svg.Text(X(t), bottom + 16, N(t, "0"), "small", "middle");
        }

        svg.Text(PlotX + PlotWidth / 2.0, bottom + 32, "days in stage (accounts that moved on to a later stage)", "small", "middle");
        Legend(svg, bottom + 44);
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var y = Top + i * Row + Row / 2.0;
            svg.Label(LabelX, y + 5, s.Name, LabelX - 4, "label", "end");
            var days = s.DaysInStage;
            if (days.Count == 0)
            {
                svg.Text(PlotX + 4, y + 4, i == stages.Count - 1 ? "last stage: nobody moves on" : "no account has moved on yet", "small");
                continue;
            }

            if (StageFacts.Percentile(days, 25) is { } p25 && StageFacts.Percentile(days, 75) is { } p75)
            {
                svg.Rect(X(p25), y - 8, Math.Max(X(p75) - X(p25), 1.5), 16, Palette.BoxFill, $"{s.Name}: middle half {N(p25)} to {N(p75)} days",
                    Palette.Blue);
            }

            // A strip of at most MaxDots points, evenly through the sorted values so the shape stays true.
            var every = Math.Max(1, (days.Count + MaxDots - 1) / MaxDots);
            for (var k = 0; k < days.Count; k += every)
            {
                svg.Circle(X(days[k]), y + (k / every % 7 - 3) * 2.2, 2, Palette.Blue, opacity: 0.35);
            }

            Mark(svg, X(s.MedianDays ?? 0), y, Palette.Blue, $"{s.Name}: median {N(s.MedianDays)} days");
            Mark(svg, X(s.P90Days ?? 0), y, Palette.Vermillion, $"{s.Name}: 90th percentile {N(s.P90Days)} days");
            svg.Text(PlotX + PlotWidth + 14, y + 4, $"n={C(days.Count)} · median {N(s.MedianDays)} · p90 {N(s.P90Days)}", "value");
        }

        return svg.ToString();
    }

    private static void Legend(Svg svg, double y)
    {
        svg.Rect(PlotX, y, 18, 12, Palette.BoxFill, stroke: Palette.Blue);
        svg.Text(PlotX + 24, y + 10, "middle half (25th-75th percentile)", "small");
        svg.Rect(PlotX + 230, y - 1, 4, 14, Palette.Blue);
        svg.Text(PlotX + 240, y + 10, "median", "small");
        svg.Rect(PlotX + 300, y - 1, 4, 14, Palette.Vermillion);
        svg.Text(PlotX + 310, y + 10, "90th percentile", "small");
        svg.Circle(PlotX + 410, y + 6, 3, Palette.Blue, opacity: 0.5);
        svg.Text(PlotX + 418, y + 10, "one account", "small");
    }

    private static void Mark(Svg svg, double x, double y, string colour, string tooltip) => svg.Rect(x - 2, y - 13, 4, 26, colour, tooltip);

    /// <summary>A round step (days, weeks, months) that gives at most about eight ticks.</summary>
    private static double TickStep(double max)
    {
        foreach (var step in new double[] { 1, 2, 5, 7, 14, 30, 60, 90, 180, 365, 730 })
        {
            if (max / step <= 8)
            {
                return step;
            }
        }

        return Math.Ceiling(max / 8 / 365) * 365;
    }
}
