using Triggers.Core.Analytics;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>
/// The funnel: one bar per stage, as long as the accounts that entered it and split by where they are now (moved
/// on, in progress, stuck, dropped), with the conversion to the next stage. Bottlenecks are outlined and named.
/// </summary>
internal static class FunnelChart
{
    private const int Width = 900, LabelX = 150, BarX = 160, BarMax = 420, Row = 50, Top = 8;

    public static string Draw(SegmentReport segment, IReadOnlySet<string> bottlenecks)
    {
        var stages = segment.Stages;
        var max = Math.Max(1, stages.Max(s => s.Entered));
        var height = Top + stages.Count * Row + 34;
        var svg = new Svg(Width, height, $"Funnel for {segment.Label}",
            "Accounts that entered each stage, split into moved on, in progress, stuck and dropped, with the share that moved on to a later stage " +
            "and, where some skipped a stage, the share that entered the next one. " +
            string.Join("; ", stages.Select((s, i) => $"{s.Name}: {s.Entered} entered, {Percent(s.ConversionToNext)} move on{Step(stages, i)}")));
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var y = Top + i * Row;
            var bottleneck = bottlenecks.Contains(s.Id);
            svg.Label(LabelX, y + 21, s.Name, LabelX - 4, bottleneck ? "label strong" : "label", "end");
            var x = (double)BarX;
            foreach (var (count, colour, what) in Parts(s))
            {
                var w = BarMax * count / (double)max;
                svg.Rect(x, y + 6, w, 22, colour, $"{s.Name}: {count} {what}");
                x += w;
            }

            if (bottleneck)
            {
                svg.Rect(BarX - 1, y + 5, Math.Max(x - BarX + 2, 4), 24, "none", stroke: Palette.Ink);
            }

            var note = $"{C(s.Entered)} entered" + (s.ConversionToNext is { } c ? $" · {Percent(c)} move on{Step(stages, i)}" : i == stages.Count - 1 ? " · last stage" : "");
            svg.Text(Math.Max(x, BarX) + 8, y + 21, note, "value");
            if (bottleneck)
            {
                svg.Text(Math.Max(x, BarX) + 8, y + 38, $"bottleneck: {s.Stuck} stuck, {s.Dropped} dropped", "alert small");
            }
        }

        Legend(svg, Top + stages.Count * Row + 14);
        return svg.ToString();
    }

    /// <summary>
    /// The step's own conversion, when it differs from moving on at all: accounts that skipped the next stage moved on
    /// without converting there (trial: 100% move on, 33% to paid).
    /// </summary>
    private static string Step(IReadOnlyList<StageReport> stages, int i) =>
        stages[i] is { ConversionToFollowing: { } step, ConversionToNext: { } any } && step != any && i + 1 < stages.Count
            ? $" ({Percent(step)} to {stages[i + 1].Name})" : "";

    /// <summary>The parts of a stage's bar, in reading order; zero-width parts are skipped.</summary>
    public static IEnumerable<(int Count, string Colour, string What)> Parts(StageReport s) =>
        new[]
        {
            (StageFacts.MovedOn(s), Palette.Blue, "moved on"),
            (StageFacts.InProgress(s), Palette.Sky, "in progress"),
            (s.Stuck, Palette.Orange, "stuck"),
            (s.Dropped, Palette.Vermillion, "dropped"),
        }.Where(p => p.Item1 > 0);

    private static void Legend(Svg svg, int y)
    {
        var x = (double)BarX;
        foreach (var (colour, what) in new[] { (Palette.Blue, "moved on"), (Palette.Sky, "in progress"), (Palette.Orange, "stuck"), (Palette.Vermillion, "dropped") })
        {
            svg.Rect(x, y, 12, 12, colour);
            svg.Text(x + 17, y + 10, what, "small");
            x += 28 + what.Length * 5.8;
        }

        svg.Rect(x, y, 12, 12, "none", stroke: Palette.Ink);
        svg.Text(x + 17, y + 10, "outlined: bottleneck (most stuck + dropped)", "small");
    }
}
