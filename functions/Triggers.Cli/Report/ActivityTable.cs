using System.Text;
using Triggers.Core.Analytics;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>
/// Playbook activity: one row per rule, a column per action kind it fired and per reason it was held back. The
/// columns are the same in every segment (taken from the whole report) so switching segments keeps them in place.
/// </summary>
internal static class ActivityTable
{
    private static readonly string[] KindOrder = ["email", "task", "webhook", "emit"];

    public sealed record Columns(IReadOnlyList<string> Actions, IReadOnlyList<string> Reasons);

    public static Columns ColumnsOf(JourneyReport report)
    {
        var rules = report.Segments.SelectMany(s => s.Rules).ToList();
        var actions = rules.SelectMany(r => r.Actions.Keys).Distinct(StringComparer.Ordinal)
            .OrderBy(k => Array.IndexOf(KindOrder, k) is var i && i >= 0 ? i : KindOrder.Length).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var reasons = rules.SelectMany(r => r.Suppressed.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Columns(actions, reasons);
    }

    public static void Draw(StringBuilder html, SegmentReport segment, Columns columns)
    {
        if (segment.Rules.Count == 0)
        {
            html.Append("<p>No rule fired or was held back for these accounts.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table class=\"activity\"><caption>Fires per action kind and suppressions per reason; rules not listed did not fire for these accounts</caption><thead>");
        html.Append(Inv, $"<tr><th scope=\"col\" rowspan=\"2\">Rule</th><th scope=\"colgroup\" colspan=\"{columns.Actions.Count + 1}\" class=\"group\">Fired</th>");
        if (columns.Reasons.Count > 0)
        {
            html.Append(Inv, $"<th scope=\"colgroup\" colspan=\"{columns.Reasons.Count + 1}\" class=\"group\">Suppressed</th>");
        }

        html.Append("</tr><tr>");
        foreach (var name in columns.Actions.Append("total").Concat(columns.Reasons.Count > 0 ? columns.Reasons.Append("total") : []))
        {
            html.Append(Inv, $"<th scope=\"col\">{E(name)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var rule in segment.Rules)
        {
            html.Append(Inv, $"<tr><th scope=\"row\">{E(rule.Rule)}</th>");
            Cells(html, rule.Actions, columns.Actions);
            if (columns.Reasons.Count > 0)
            {
                Cells(html, rule.Suppressed, columns.Reasons);
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static void Cells(StringBuilder html, IReadOnlyDictionary<string, int> counts, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            html.Append(Inv, $"<td>{(counts.GetValueOrDefault(key) is var n && n > 0 ? C(n) : "·")}</td>");
        }

        html.Append(Inv, $"<td class=\"total\">{C(counts.Values.Sum())}</td>");
    }
}
