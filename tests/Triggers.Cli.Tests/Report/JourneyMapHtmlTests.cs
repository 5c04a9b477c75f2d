using System.Text.RegularExpressions;

namespace Triggers.Cli.Tests.Report;

public sealed class JourneyMapHtmlTests
{
    private const string Playbooks = """
        playbook: p
        stage: start
        milestones:
          - id: m
            reached_when: { event: user.invited }
            success: { event: user.logged_in, within: 1d }
        rules:
          - id: r
            when: { event: ticket.opened }
            do:
              - task: { title: "ticket" }
        """;

    private const string Journey = """
        journey: j
        stages:
          - { id: start, name: Start <here>, entered_when: { event: subscription.started } }
          - { id: next, name: Next, entered_when: { event: feature.used } }
        touchpoints:
          - { id: support, channel: support, events: [ticket.opened] }
        """;

    private static string Line(string id, string type, string time, string account, string data = "{}") =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"t","type":"{{{type}}}","time":"{{{time}}}","accountid":"{{{account}}}","data":{{{data}}}}""";

    [Fact]
    public void Report_HostileTraitValues_AreEscaped_AndEverySegmentHasEveryFigure()
    {
        using var dir = new TempDirectory()
            .Write("playbooks/p.yaml", Playbooks).Write("playbooks/journeys/j.yaml", Journey)
            .Write("events.jsonl", string.Join("\n",
                Line("1", "account.updated", "2026-01-01T00:00:00Z", "a<b>", """{"plan":"<script>alert(1)</script>"}"""),
                Line("5", "account.updated", "2026-01-01T00:00:00Z", "plain", """{"plan":"team"}"""),
                Line("2", "subscription.started", "2026-01-01T01:00:00Z", "a<b>"),
                Line("6", "subscription.started", "2026-01-01T01:00:00Z", "plain"),
                Line("3", "user.invited", "2026-01-01T02:00:00Z", "a<b>"),
                Line("4", "ticket.opened", "2026-01-02T02:00:00Z", "a<b>"),
                Line("7", "feature.used", "2026-01-03T01:00:00Z", "plain")) + "\n");

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--segment", "plan");

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(Path.Combine(dir.Path, "map.html"));
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("a&lt;b&gt;", html);
        Assert.Contains("Start &lt;here&gt;", html);
        Assert.DoesNotMatch(new Regex("https?://(?!www\\.w3\\.org)"), html);
        var sections = Regex.Count(html, "<section class=\"segment\"");
        Assert.Equal(3, sections); // all accounts, plan: <script>..., plan: team
        foreach (var figure in new[] { "Funnel", "Time in stage", "Sentiment", "Stages in detail", "Playbook activity" })
        {
            Assert.Equal(sections, Regex.Count(html, $"<h3>{figure}</h3>"));
        }
    }

    [Fact]
    public void Report_UnknownJourney_ListsTheJourneysAndExitsOne()
    {
        using var dir = new TempDirectory().Write("playbooks/p.yaml", Playbooks).Write("playbooks/journeys/j.yaml", Journey)
            .Write("events.jsonl", Line("1", "ticket.opened", "2026-01-01T00:00:00Z", "a") + "\n");

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--journey", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no journey 'nope'; the journeys are: j", result.Error);
    }
}
