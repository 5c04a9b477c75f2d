using Triggers.Core.Analytics;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>
/// The emotion line of the journey map: CSAT (1-5) and NPS (0-10) answers given in each stage on one 0-100 scale,
/// with each stage's CSAT and NPS written under it. A stage without answers breaks the line: a gap says "we don't
/// know", a line through it would guess.
/// </summary>
internal static class SentimentChart
{
    private const int Width = 900, Left = 110, Right = 810, Top = 24, PlotHeight = 160, Height = 252;

    public static string Draw(SegmentReport segment)
    {
        var stages = segment.Stages;
        var bottom = Top + PlotHeight;
        double Y(double score) => Top + PlotHeight * (1 - score / 100);
        var stepX = stages.Count > 1 ? (Right - Left) / (double)(stages.Count - 1) : 0;
        double X(int i) => stages.Count > 1 ? Left + i * stepX : (Left + Right) / 2.0;
        var svg = new Svg(Width, Height, $"Sentiment per stage for {segment.Label}",
            "CSAT and NPS answers per stage on a 0 to 100 scale (0 very unhappy, 100 delighted). " +
            string.Join("; ", stages.Select(s => $"{s.Name}: {(s.Sentiment.Score is { } v ? N(v, "0") : "no answers")}")));
        foreach (var level in new[] { 0, 25, 50, 75, 100 })
        {
            svg.Line(Left - 50, Y(level), Right + 50, Y(level), Palette.Grid, dashed: level == 50);
            svg.Text(Left - 56, Y(level) + 4, N(level), "small", "end");
        }

        var runs = new List<List<(double, double)>> { new() };
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            svg.Label(X(i), bottom + 22, s.Name, Math.Min(stages.Count > 1 ? stepX - 8 : Right - Left, 2 * Left - 8), "label", "middle");
            svg.Text(X(i), bottom + 40, s.Sentiment.Csat is { } csat ? $"CSAT {N(csat, "0.0")} (n={C(s.Sentiment.CsatAnswers)})" : "CSAT –", "small", "middle");
            svg.Text(X(i), bottom + 56, s.Sentiment.Nps is { } nps ? $"NPS {N(nps, "0.0")} (n={C(s.Sentiment.NpsAnswers)})" : "NPS –", "small", "middle");
            if (s.Sentiment.Score is not { } score)
            {
                svg.Text(X(i), bottom - 8, "no answers", "small", "middle");
                runs.Add([]);
                continue;
            }

            runs[^1].Add((X(i), Y(score)));
        }

        foreach (var run in runs.Where(r => r.Count > 1))
        {
            svg.Polyline(run, Palette.Green, 3);
        }

        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i].Sentiment.Score is { } score)
            {
                svg.Circle(X(i), Y(score), 5.5, Palette.Green, $"{stages[i].Name}: {N(score, "0")} of 100");
                svg.Text(X(i), Y(score) - 11, N(score, "0"), "label strong", "middle");
            }
        }

        return svg.ToString();
    }
}
