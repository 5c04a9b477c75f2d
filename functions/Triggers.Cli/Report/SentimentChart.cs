using Triggers.Core.Analytics;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>
/// The emotion line of the journey map: CSAT (1-5) and NPS (0-10) answers given in each stage on one 0-100 scale,
/// with each stage's CSAT and NPS written under it. A stage without answers breaks the line: a gap says "we don't
/// know", a line through it would guess.
/// <para>
/// Every stage has a slot of the same width, and nothing written for a stage may be wider than its slot, or it runs
/// into the next one's (with a dozen stages "CSAT 4.5 (n=1,234)" did). So the words under the stages take the
/// fullest form that fits every slot: "CSAT 4.5 (n=12)", else "CSAT 4.5", else the figure alone under a row name
/// in the margin, else nothing (the table beneath and each point's tooltip have them). Stage names too narrow to
/// read flat stand upright.
/// </para>
/// </summary>
internal static class SentimentChart
{
    private const int Width = 900, Left = 110, Right = 810, Top = 24, PlotHeight = 160;

    /// <summary>Clear space between the labels of neighbouring stages.</summary>
    private const double Gap = 8;

    /// <summary>A name flat in a slot narrower than this would show a few letters: it stands upright instead.</summary>
    private const double NarrowestFlatName = 64;

    /// <summary>Upright names reach down at most this far (about 17 letters), the rest cut with a tooltip.</summary>
    private const double LongestUprightName = 130;

    /// <summary>
    /// An upright name's line height and a little (DejaVu's ascent and descent at 13 units are 15.1): slots narrower
    /// than this, over 43 stages, leave the names to the points' tooltips and the table beneath.
    /// </summary>
    private const double UprightLine = 16.5;

    public static string Draw(SegmentReport segment)
    {
        var stages = segment.Stages;
        var bottom = Top + PlotHeight;
        double Y(double score) => Top + PlotHeight * (1 - score / 100);
        var slot = stages.Count > 1 ? (Right - Left) / (double)(stages.Count - 1) : Right - Left;
        double X(int i) => stages.Count > 1 ? Left + i * slot : (Left + Right) / 2.0;
        // A label centred on the first or last stage may reach no further than the picture's edge.
        var room = Math.Min(slot - Gap, 2 * (Width - Right) - Gap);
        var flat = room >= NarrowestFlatName;
        var upright = !flat && slot >= UprightLine;
        var namesDepth = upright ? stages.Max(s => TextMetrics.Width(TextMetrics.Fit(s.Name, LongestUprightName, 13), 13)) : 0;
        var rows = Math.Max(bottom + 22, bottom + 12 + namesDepth);
        var figures = Figures(stages, room);
        var svg = new Svg(Width, (int)Math.Ceiling(rows + 48), $"Sentiment per stage for {segment.Label}",
            "CSAT and NPS answers per stage on a 0 to 100 scale (0 very unhappy, 100 delighted). " +
            string.Join("; ", stages.Select(s => $"{s.Name}: {(s.Sentiment.Score is { } v ? N(v, "0") : "no answers")}, {Answers(s.Sentiment)}")));
        foreach (var level in new[] { 0, 25, 50, 75, 100 })
        {
            svg.Line(Left - 50, Y(level), Right + 50, Y(level), Palette.Grid, dashed: level == 50);
            svg.Text(Left - 56, Y(level) + 4, N(level), "small", "end");
        }

        if (figures == Form.InMargin)
        {
            svg.Text(Left - 18, rows + 18, "CSAT (1-5)", "small", "end");
            svg.Text(Left - 18, rows + 34, "NPS (0-10)", "small", "end");
        }
        else if (figures == Form.None)
        {
            var what = flat || upright ? "CSAT and NPS per stage" : "Stage names, CSAT and NPS";
            svg.Text(Left - 50, rows + 18, $"{what}: on each point (hover), and in the table below", "small");
        }

        var runs = new List<List<(double, double)>> { new() };
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            if (flat)
            {
                svg.Label(X(i), bottom + 22, s.Name, room, "label", "middle");
            }
            else if (upright)
            {
                svg.Label(X(i) + 4, bottom + 10, s.Name, LongestUprightName, "label", "end", upright: true);
            }

            if (figures is not Form.None)
            {
                svg.Text(X(i), rows + 18, Figure(figures, "CSAT", s.Sentiment.Csat, s.Sentiment.CsatAnswers), "small", "middle", Tooltip(s, "CSAT", s.Sentiment.Csat, s.Sentiment.CsatAnswers));
                svg.Text(X(i), rows + 34, Figure(figures, "NPS", s.Sentiment.Nps, s.Sentiment.NpsAnswers), "small", "middle", Tooltip(s, "NPS", s.Sentiment.Nps, s.Sentiment.NpsAnswers));
            }

            if (s.Sentiment.Score is not { } score)
            {
                if ((Fits(["no answers"], room) ?? Fits(["none"], room)) is { } none)
                {
                    svg.Text(X(i), bottom - 8, none, "small", "middle");
                }

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
                svg.Circle(X(i), Y(score), 5.5, Palette.Green, $"{stages[i].Name}: {N(score, "0")} of 100 ({Answers(stages[i].Sentiment)})");
                if (Fits(["100"], room, bold: true) is not null)
                {
                    svg.Text(X(i), Y(score) - 11, N(score, "0"), "label strong", "middle");
                }
            }
        }

        return svg.ToString();
    }

    /// <summary>How the figures under the stages are written, fullest first.</summary>
    private enum Form
    {
        WithCounts,
        Named,
        InMargin,
        None,
    }

    /// <summary>The fullest form in which every stage's two figures fit <paramref name="room"/>.</summary>
    private static Form Figures(IReadOnlyList<StageReport> stages, double room)
    {
        foreach (var form in new[] { Form.WithCounts, Form.Named, Form.InMargin })
        {
            var texts = stages.SelectMany(s => new[]
            {
                Figure(form, "CSAT", s.Sentiment.Csat, s.Sentiment.CsatAnswers), Figure(form, "NPS", s.Sentiment.Nps, s.Sentiment.NpsAnswers),
            });
            if (Fits([.. texts], room) is not null)
            {
                return form;
            }
        }

        return Form.None;
    }

    private static string Figure(Form form, string scale, double? value, int answers) => (form, value) switch
    {
        (_, null) when form == Form.InMargin => "–",
        (_, null) => $"{scale} –",
        (Form.WithCounts, { } v) => $"{scale} {N(v, "0.0")} (n={C(answers)})",
        (Form.Named, { } v) => $"{scale} {N(v, "0.0")}",
        (_, { } v) => N(v, "0.0"),
    };

    private static string Tooltip(StageReport s, string scale, double? value, int answers) =>
        value is { } v ? $"{s.Name}: {scale} {N(v, "0.0")} from {Plural(answers, "answer", "answers")}" : $"{s.Name}: no {scale} answers";

    private static string Answers(Sentiment x) => $"CSAT {N(x.Csat, "0.0")} (n={C(x.CsatAnswers)}), NPS {N(x.Nps, "0.0")} (n={C(x.NpsAnswers)})";

    /// <summary>The first text if every one of <paramref name="texts"/> fits <paramref name="room"/> in small type, else null.</summary>
    private static string? Fits(string[] texts, double room, bool bold = false) =>
        texts.All(t => TextMetrics.Width(t, bold ? 13 : 11, bold) <= room) ? texts[0] : null;
}
