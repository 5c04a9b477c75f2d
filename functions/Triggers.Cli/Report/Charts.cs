using System.Text;
using Triggers.Core.Analytics;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>The three pictures of the journey map, drawn as inline SVG (no library, nothing fetched).</summary>
internal static class Charts
{
    private const int Width = 880;
    private const int LabelWidth = 170;

    /// <summary>Horizontal funnel: accounts that entered each stage, conversion to the next, bottlenecks marked.</summary>
    public static string Funnel(SegmentReport segment)
    {
        var stages = segment.Stages;
        var max = Math.Max(1, stages.Max(s => s.Entered));
        var worst = stages.Where(s => s.Stuck + s.Dropped > 0).OrderByDescending(s => s.Stuck + s.Dropped).FirstOrDefault();
        const int row = 34;
        var height = stages.Count * row + 10;
        var svg = Open(height, $"Funnel for {segment.Label}: accounts entering each stage");
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var y = 5 + i * row;
            var barWidth = (Width - LabelWidth - 420) * s.Entered / (double)max;
            var colour = ReferenceEquals(s, worst) ? Palette.Vermillion : Palette.Blue;
            svg.Append($"""<text x="{LabelWidth - 8}" y="{y + 19}" text-anchor="end" class="label">{E(s.Name)}</text>""");
            svg.Append($"""<rect x="{LabelWidth}" y="{y + 4}" width="{N(Math.Max(barWidth, 1), "0.0")}" height="{row - 10}" fill="{colour}" rx="3"><title>{E(s.Name)}: {s.Entered} accounts</title></rect>""");
            var note = $"{s.Entered} accounts" + (s.ConversionToNext is { } c ? $" · {Percent(c)} continue" : "") +
                       (ReferenceEquals(s, worst) ? $" · bottleneck: {s.Stuck} stuck, {s.Dropped} dropped" : "");
            svg.Append($"""<text x="{N(LabelWidth + barWidth + 8, "0.0")}" y="{y + 19}" class="value">{E(note)}</text>""");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Strip plot of days in each stage (accounts that moved on), median and p90 marked.</summary>
    public static string TimeInStage(SegmentReport segment)
    {
        var stages = segment.Stages;
        var max = Math.Max(1, stages.SelectMany(s => s.DaysInStage).DefaultIfEmpty(1).Max());
        const int row = 30;
        var plot = Width - LabelWidth - 40;
        var svg = Open(stages.Count * row + 34, $"Days spent in each stage for {segment.Label}, with median and 90th percentile");
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            var y = 5 + i * row + row / 2;
            svg.Append($"""<text x="{LabelWidth - 8}" y="{y + 5}" text-anchor="end" class="label">{E(s.Name)}</text>""");
            svg.Append($"""<line x1="{LabelWidth}" x2="{LabelWidth + plot}" y1="{y}" y2="{y}" stroke="{Palette.Grid}"/>""");
            var step = Math.Max(1, s.DaysInStage.Count / 250);
            for (var k = 0; k < s.DaysInStage.Count; k += step)
            {
                var x = LabelWidth + plot * s.DaysInStage[k] / max;
                svg.Append($"""<circle cx="{N(x, "0.0")}" cy="{y + (k % 5) * 2 - 4}" r="2" fill="{Palette.Sky}" fill-opacity="0.6"/>""");
            }

            Mark(svg, s.MedianDays, max, plot, y, Palette.Blue, "median");
            Mark(svg, s.P90Days, max, plot, y, Palette.Orange, "p90");
        }

        var axisY = stages.Count * row + 20;
        svg.Append($"""<text x="{LabelWidth}" y="{axisY}" class="value">0 days</text>""");
        svg.Append($"""<text x="{LabelWidth + plot}" y="{axisY}" text-anchor="end" class="value">{N(max, "0")} days</text>""");
        svg.Append($"""<text x="{LabelWidth + plot / 2}" y="{axisY}" text-anchor="middle" class="value"><tspan fill="{Palette.Blue}">▮ median</tspan>  <tspan fill="#8a5a00">▮ p90</tspan></text>""");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The emotion line of the journey: CSAT and NPS answers per stage on one 0-100 scale.</summary>
    public static string Sentiment(SegmentReport segment)
    {
        var stages = segment.Stages;
        const int height = 230, top = 20, bottom = 50, left = 50;
        var plotHeight = height - top - bottom;
        var stepX = (Width - left - 30) / (double)Math.Max(1, stages.Count - 1);
        var svg = Open(height, $"Sentiment per stage for {segment.Label} (0 = very unhappy, 100 = delighted)");
        foreach (var level in new[] { 0, 50, 100 })
        {
            var y = top + plotHeight * (1 - level / 100.0);
            svg.Append($"""<line x1="{left}" x2="{Width - 20}" y1="{N(y)}" y2="{N(y)}" stroke="{Palette.Grid}"/><text x="{left - 6}" y="{N(y + 4)}" text-anchor="end" class="value">{level}</text>""");
        }

        // Stages without answers break the line: a gap says "we don't know", a line through it would guess.
        var lines = new List<List<string>> { new() };
        for (var i = 0; i < stages.Count; i++)
        {
            var x = left + i * stepX;
            svg.Append($"""<text x="{N(x)}" y="{height - 18}" text-anchor="middle" class="label small">{E(stages[i].Name)}</text>""");
            if (stages[i].Sentiment.Score is not { } score)
            {
                lines.Add([]);
                continue;
            }

            var y = top + plotHeight * (1 - score / 100);
            lines[^1].Add($"{N(x)},{N(y)}");
            svg.Append($"""<circle cx="{N(x)}" cy="{N(y)}" r="5" fill="{Palette.Green}"><title>{E(stages[i].Name)}: {N(score, "0")}</title></circle>""");
            svg.Append($"""<text x="{N(x)}" y="{N(y - 10)}" text-anchor="middle" class="value">{N(score, "0")}</text>""");
        }

        foreach (var line in lines.Where(l => l.Count > 1))
        {
            svg.Append($"""<polyline points="{string.Join(" ", line)}" fill="none" stroke="{Palette.Green}" stroke-width="3"/>""");
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Mark(StringBuilder svg, double? days, double max, int plot, int y, string colour, string what)
    {
        if (days is { } d)
        {
            var x = LabelWidth + plot * d / max;
            svg.Append($"""<rect x="{N(x - 2, "0.0")}" y="{y - 10}" width="4" height="20" fill="{colour}"><title>{what}: {N(d)} days</title></rect>""");
        }
    }

    private static StringBuilder Open(int height, string title) =>
        new StringBuilder().Append($"""<svg role="img" aria-label="{E(title)}" viewBox="0 0 {Width} {height}" width="100%" preserveAspectRatio="xMinYMin meet"><title>{E(title)}</title>""");
}
