using System.Text;
using Triggers.Core.Analytics;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>
/// One card per stage: its key numbers, milestones, red flags (the accounts behind failed milestones), touchpoints
/// and channels, and pain points.
/// </summary>
internal static class StageCards
{
    /// <summary>Red flags listed by account; the rest are counted, so a card stays readable with 100,000 accounts.</summary>
    public const int MaxRedFlags = 10;

    public static void Draw(StringBuilder html, StageReport s, bool bottleneck)
    {
        html.Append(Inv, $"<article class=\"stage{(bottleneck ? " bottleneck" : "")}\"><h4>{E(s.Name)}");
        html.Append(bottleneck ? "<span class=\"badge\">bottleneck</span></h4>" : "</h4>");
        if (s.Description is not null)
        {
            html.Append(Inv, $"<p class=\"note\">{E(s.Description)}</p>");
        }

        html.Append("<dl class=\"kpis\">");
        Kpi(html, "Entered", C(s.Entered));
        Kpi(html, "Continue to next", Percent(s.ConversionToNext));
        Kpi(html, "Median days", N(s.MedianDays));
        Kpi(html, "p90 days", N(s.P90Days));
        Kpi(html, s.StuckAfterDays is { } days ? $"Stuck (over {N(days, "0")} days)" : "Stuck (not counted: final stage)", C(s.Stuck));
        Kpi(html, "Dropped", C(s.Dropped));
        html.Append("</dl>");
        Milestones(html, s);
        html.Append("<div class=\"cols\"><div>");
        Touchpoints(html, s);
        html.Append("</div><div>");
        PainPoints(html, s);
        html.Append("</div></div></article>");
    }

    private static void Kpi(StringBuilder html, string name, string value) =>
        html.Append(Inv, $"<div><dt>{E(name)}</dt><dd>{E(value)}</dd></div>");

    private static void Milestones(StringBuilder html, StageReport s)
    {
        if (s.Milestones.Count == 0)
        {
            html.Append("<p class=\"note\">No milestones in this stage.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table class=\"milestones\"><caption>Milestones</caption><thead><tr><th scope=\"col\">Milestone</th>" +
                    "<th scope=\"col\">Reached</th><th scope=\"col\">Succeeded</th><th scope=\"col\">Failed</th><th scope=\"col\">Success rate</th>" +
                    "<th scope=\"col\">Median days to success</th></tr></thead><tbody>");
        foreach (var m in s.Milestones)
        {
            html.Append(Inv, $"<tr><th scope=\"row\">{E(m.Id)}</th><td>{C(m.Reached)}</td><td>{C(m.Succeeded)}</td><td>{C(m.Failed)}</td>");
            html.Append(Inv, $"<td>{Percent(m.SuccessRate)}</td><td>{N(m.MedianDaysToSuccess)}</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static void Touchpoints(StringBuilder html, StageReport s)
    {
        html.Append("<h5>Touchpoints and channels</h5>");
        if (s.Touchpoints.Count == 0)
        {
            html.Append("<p class=\"note\">No touchpoint events while accounts were in this stage.</p>");
            return;
        }

        html.Append("<table class=\"touchpoints\"><thead><tr><th scope=\"col\">Touchpoint</th><th scope=\"col\">Channel</th><th scope=\"col\">Events</th></tr></thead><tbody>");
        foreach (var t in s.Touchpoints)
        {
            html.Append(Inv, $"<tr><th scope=\"row\">{E(t.Name)}</th><td class=\"text\">{E(t.Channel)}</td><td>{C(t.Events)}</td></tr>");
        }

        html.Append("</tbody></table><p class=\"note\">By channel: ");
        html.Append(string.Join(", ", s.Touchpoints.GroupBy(t => t.Channel, StringComparer.Ordinal)
            .Select(g => (Channel: g.Key, Events: g.Sum(t => t.Events))).OrderByDescending(g => g.Events).ThenBy(g => g.Channel, StringComparer.Ordinal)
            .Select(g => $"{E(g.Channel)} {C(g.Events)}")));
        html.Append("</p>");
    }

    private static void PainPoints(StringBuilder html, StageReport s)
    {
        html.Append("<h5>Pain points</h5><dl class=\"kpis pain\">");
        Kpi(html, "Tickets", C(s.Tickets));
        Kpi(html, "Escalations", C(s.Escalations));
        Kpi(html, "Red flags", C(s.RedFlags.Count));
        html.Append("</dl>");
        if (s.RedFlags.Count == 0)
        {
            return;
        }

        html.Append("<p class=\"note\">Red flags: milestones that failed, with the accounts behind them.</p><ul class=\"flags\">");
        foreach (var flag in s.RedFlags.Take(MaxRedFlags))
        {
            html.Append(Inv, $"<li><span class=\"account\">{E(flag.AccountId)}</span>: {E(flag.Milestone)} failed <span class=\"nowrap\">{Date(flag.Time)}</span></li>");
        }

        if (s.RedFlags.Count > MaxRedFlags)
        {
            html.Append(Inv, $"<li class=\"more\">and {C(s.RedFlags.Count - MaxRedFlags)} more</li>");
        }

        html.Append("</ul>");
    }
}
