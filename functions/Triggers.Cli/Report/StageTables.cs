using System.Text;
using Triggers.Core.Analytics;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>The exact numbers beneath each picture: one row per stage, in stage order.</summary>
internal static class StageTables
{
    public static void Funnel(StringBuilder html, SegmentReport segment, IReadOnlySet<string> bottlenecks)
    {
        Head(html, "stages funnel", "Funnel in numbers", "Entered", "Moved on", "Continue to next", "In progress", "Stuck", "Dropped");
        foreach (var s in segment.Stages)
        {
            html.Append(Inv, $"<tr><th scope=\"row\">{E(s.Name)}{(bottlenecks.Contains(s.Id) ? "<span class=\"badge\">bottleneck</span>" : "")}</th>");
            html.Append(Inv, $"<td class=\"entered\">{C(s.Entered)}</td><td>{C(StageFacts.MovedOn(s))}</td><td>{Percent(s.ConversionToNext)}</td>");
            html.Append(Inv, $"<td>{C(StageFacts.InProgress(s))}</td><td>{C(s.Stuck)}</td><td>{C(s.Dropped)}</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    public static void TimeInStage(StringBuilder html, SegmentReport segment)
    {
        Head(html, "time", "Time in stage in days", "Moved on", "25th percentile", "Median", "90th percentile", "Longest", "Stuck after");
        foreach (var s in segment.Stages)
        {
            var days = s.DaysInStage;
            html.Append(Inv, $"<tr><th scope=\"row\">{E(s.Name)}</th><td>{C(days.Count)}</td><td>{N(StageFacts.Percentile(days, 25))}</td>");
            html.Append(Inv, $"<td>{N(s.MedianDays)}</td><td>{N(s.P90Days)}</td><td>{N(days.Count == 0 ? null : days[^1])}</td>");
            html.Append(Inv, $"<td>{(s.StuckAfterDays is { } after ? $"{N(after, "0.#")} days" : "never (final stage)")}</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    /// <summary>
    /// Each stage's sentiment; where answers had scores outside their scale, a column counting them and a note saying
    /// they are left out (averaged in, one CSAT of 50 would lift the line far above 100).
    /// </summary>
    public static void Sentiment(StringBuilder html, SegmentReport segment)
    {
        var (csatOff, npsOff) = (segment.Stages.Sum(s => s.Sentiment.CsatOffScale), segment.Stages.Sum(s => s.Sentiment.NpsOffScale));
        string[] columns = ["Score (0-100)", "CSAT (1-5)", "CSAT answers", "NPS (0-10)", "NPS answers"];
        Head(html, "sentiment", "Sentiment in numbers", csatOff + npsOff > 0 ? [.. columns, "Off scale, left out"] : columns);
        foreach (var s in segment.Stages)
        {
            var x = s.Sentiment;
            html.Append(Inv, $"<tr><th scope=\"row\">{E(s.Name)}</th><td>{N(x.Score, "0")}</td><td>{N(x.Csat, "0.0")}</td><td>{C(x.CsatAnswers)}</td>");
            html.Append(Inv, $"<td>{N(x.Nps, "0.0")}</td><td>{C(x.NpsAnswers)}</td>");
            html.Append(csatOff + npsOff > 0 ? $"<td class=\"off-scale\">{C(x.CsatOffScale + x.NpsOffScale)}</td></tr>" : "</tr>");
        }

        html.Append("</tbody></table></div>");
        if (csatOff + npsOff > 0)
        {
            html.Append(Inv, $"<p class=\"note off-scale\">{OffScale(csatOff, npsOff)} had a score outside its scale or no number ({Core.Analytics.Sentiment.Scales}) and {(csatOff + npsOff == 1 ? "is" : "are")} left out of these figures.</p>");
        }
    }

    /// <summary>"2 CSAT answers and 1 NPS answer", leaving out a kind with none.</summary>
    public static string OffScale(long csat, long nps) =>
        string.Join(" and ", new[] { (csat, "CSAT"), (nps, "NPS") }.Where(p => p.Item1 > 0).Select(p => $"{Plural(p.Item1, $"{p.Item2} answer", $"{p.Item2} answers")}"));

    /// <summary>Opens a scrollable table with a caption and a header row whose first column is the stage.</summary>
    public static void Head(StringBuilder html, string cls, string caption, params string[] columns)
    {
        html.Append(Inv, $"<div class=\"scroll\"><table class=\"{cls}\"><caption>{E(caption)}</caption><thead><tr><th scope=\"col\">Stage</th>");
        foreach (var column in columns)
        {
            html.Append(Inv, $"<th scope=\"col\">{E(column)}</th>");
        }

        html.Append("</tr></thead><tbody>");
    }
}
