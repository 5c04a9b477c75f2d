using System.Text;
using Triggers.Core.Analytics;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>
/// The journey map as one self-contained HTML file: inline CSS, inline SVG and a few lines of script to switch
/// segments. Nothing is fetched, so it opens from disk, offline, and prints.
/// </summary>
internal static class JourneyMapHtml
{
    public static string Render(JourneyReport report)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Journey map: {E(report.JourneyId)}</title><style>{Css}</style></head><body>
            <header><h1>Journey map: {E(report.JourneyId)}</h1>
            <p class="meta">{E(report.Description)} · {report.Events:N0} events from {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}</p>
            <label for="segment">Segment</label> <select id="segment">
            """);
        for (var i = 0; i < report.Segments.Count; i++)
        {
            html.Append($"""<option value="{i}">{E(report.Segments[i].Label)} ({report.Segments[i].Accounts} accounts)</option>""");
        }

        html.Append("</select></header><main>");
        for (var i = 0; i < report.Segments.Count; i++)
        {
            Segment(html, report.Segments[i], i);
        }

        html.Append($"</main><script>{Script}</script></body></html>\n");
        return html.ToString();
    }

    private static void Segment(StringBuilder html, SegmentReport segment, int index)
    {
        html.Append($"""<section class="segment" data-segment="{index}"{(index == 0 ? "" : " hidden")}>""");
        html.Append($"<h2>{E(segment.Label)} <span class=\"meta\">{segment.Accounts} accounts</span></h2>");
        html.Append("<h3>Funnel</h3>").Append(Charts.Funnel(segment));
        html.Append("<table class=\"stages\"><thead><tr><th>Stage</th><th>Entered</th><th>Continue to next</th><th>Median days</th><th>p90 days</th>" +
                    "<th>Stuck</th><th>Dropped</th><th>Tickets</th><th>Escalations</th><th>Red flags</th><th>CSAT</th><th>NPS</th></tr></thead><tbody>");
        foreach (var s in segment.Stages)
        {
            html.Append($"<tr><th scope=\"row\">{E(s.Name)}</th><td class=\"entered\">{s.Entered}</td><td>{Percent(s.ConversionToNext)}</td>" +
                        $"<td>{N(s.MedianDays)}</td><td>{N(s.P90Days)}</td><td>{s.Stuck}</td><td>{s.Dropped}</td><td>{s.Tickets}</td>" +
                        $"<td>{s.Escalations}</td><td>{s.RedFlags.Count}</td><td>{N(s.Sentiment.Csat, "0.0")}</td><td>{N(s.Sentiment.Nps, "0.0")}</td></tr>");
        }

        html.Append("</tbody></table>");
        html.Append("<h3>Time in stage</h3>").Append(Charts.TimeInStage(segment));
        html.Append("<h3>Sentiment</h3>").Append(Charts.Sentiment(segment));
        html.Append("<p class=\"note\">CSAT (1-5) and NPS (0-10) answers given while accounts were in each stage, on one 0-100 scale. A gap means no answers.</p>");
        html.Append("<h3>Stages in detail</h3><div class=\"cards\">");
        foreach (var s in segment.Stages)
        {
            Card(html, s);
        }

        html.Append("</div><h3>Playbook activity</h3>");
        if (segment.Rules.Count == 0)
        {
            html.Append("<p>No rule fired for these accounts.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th>Rule</th><th>Actions</th><th>Suppressed</th></tr></thead><tbody>");
            foreach (var rule in segment.Rules)
            {
                html.Append($"<tr><th scope=\"row\">{E(rule.Rule)}</th><td>{Counts(rule.Actions)}</td><td>{Counts(rule.Suppressed)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section>");
    }

    private static void Card(StringBuilder html, StageReport s)
    {
        html.Append($"<article class=\"card\"><h4>{E(s.Name)}</h4>");
        if (s.Description is not null)
        {
            html.Append($"<p class=\"note\">{E(s.Description)}</p>");
        }

        html.Append($"<p>{s.Entered} entered · {Percent(s.ConversionToNext)} continue · median {N(s.MedianDays)} days · {s.Stuck} stuck · {s.Dropped} dropped</p>");
        if (s.Milestones.Count > 0)
        {
            html.Append("<table><thead><tr><th>Milestone</th><th>Reached</th><th>Succeeded</th><th>Failed</th><th>Success rate</th><th>Median days</th></tr></thead><tbody>");
            foreach (var m in s.Milestones)
            {
                html.Append($"<tr><th scope=\"row\">{E(m.Id)}</th><td>{m.Reached}</td><td>{m.Succeeded}</td><td>{m.Failed}</td><td>{Percent(m.SuccessRate)}</td><td>{N(m.MedianDaysToSuccess)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (s.Touchpoints.Count > 0)
        {
            html.Append("<p><strong>Touchpoints:</strong> ")
                .Append(string.Join(", ", s.Touchpoints.Select(t => $"{E(t.Name)} ({E(t.Channel)}) {t.Events}")))
                .Append("</p>");
        }

        html.Append($"<p><strong>Pain points:</strong> {s.Tickets} tickets, {s.Escalations} escalations, {s.RedFlags.Count} red flags</p>");
        if (s.RedFlags.Count > 0)
        {
            html.Append("<ul class=\"flags\">");
            foreach (var flag in s.RedFlags.Take(10))
            {
                html.Append($"<li>{E(flag.AccountId)}: {E(flag.Milestone)} failed {flag.Time:yyyy-MM-dd}</li>");
            }

            if (s.RedFlags.Count > 10)
            {
                html.Append($"<li>and {s.RedFlags.Count - 10} more</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</article>");
    }

    private static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "–" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{E(c.Key)}: {c.Value}"));

    private const string Script = """
        const select = document.getElementById('segment');
        function show() {
          for (const section of document.querySelectorAll('section.segment')) {
            section.hidden = section.dataset.segment !== select.value;
          }
        }
        select.addEventListener('change', show);
        show();
        """;

    private const string Css = """
        body { font-family: system-ui, "DejaVu Sans", sans-serif; color: #1f2328; background: #fff; margin: 0 auto; max-width: 960px; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
        h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: .2rem; margin-top: 2rem; }
        h3 { margin-top: 1.8rem; } .meta, .note { color: #57606a; font-size: .9rem; }
        select { font-size: 1rem; padding: .25rem .4rem; }
        table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .9rem; }
        th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .4rem; text-align: right; }
        th[scope=row], thead th:first-child { text-align: left; }
        thead th { background: #f6f8fa; }
        svg .label { font-size: 13px; fill: #1f2328; } svg .label.small { font-size: 11px; } svg .value { font-size: 12px; fill: #57606a; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 1rem; }
        .card { border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .9rem; break-inside: avoid; min-width: 0; overflow-x: auto; }
        .card table { font-size: .8rem; } .card th[scope=row] { overflow-wrap: anywhere; }
        .card h4 { margin: .2rem 0; } .flags { color: #9a3b00; font-size: .85rem; }
        @media print {
          header label, header select { display: none; }
          section.segment[hidden] { display: none; }
          h2, h3 { break-after: avoid; } svg, table, .card { break-inside: avoid; }
        }
        """;
}
