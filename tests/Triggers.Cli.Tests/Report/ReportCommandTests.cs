using System.Text.RegularExpressions;

namespace Triggers.Cli.Tests.Report;

/// <summary>The real <c>triggers report</c> on small histories: escaping end to end, the defaults, the errors.</summary>
public sealed class ReportCommandTests
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
          - { id: support, name: Support, channel: support, events: [ticket.opened] }
        """;

    private const string OtherJourney = """
        journey: a-other
        stages:
          - { id: other-start, name: Other start, entered_when: { event: subscription.started } }
        touchpoints: []
        """;

    private static string Line(string id, string type, string time, string account, string data = "{}") =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"t","type":"{{{type}}}","time":"{{{time}}}","accountid":"{{{account}}}","data":{{{data}}}}""";

    private static readonly string History = string.Join("\n",
        Line("1", "account.updated", "2026-01-01T00:00:00Z", "a<b>", """{"plan":"<script>alert(1)</script>","region":"eu"}"""),
        Line("5", "account.updated", "2026-01-01T00:00:00Z", "plain", """{"plan":"team","region":"us"}"""),
        Line("2", "subscription.started", "2026-01-01T01:00:00Z", "a<b>"),
        Line("6", "subscription.started", "2026-01-01T01:00:00Z", "plain"),
        Line("3", "user.invited", "2026-01-01T02:00:00Z", "a<b>"),
        Line("4", "ticket.opened", "2026-01-02T02:00:00Z", "a<b>"),
        Line("7", "feature.used", "2026-01-03T01:00:00Z", "plain")) + "\n";

    private static TempDirectory Files() => new TempDirectory()
        .Write("playbooks/p.yaml", Playbooks).Write("playbooks/journeys/j.yaml", Journey).Write("playbooks/journeys/a-other.yaml", OtherJourney)
        .Write("events.jsonl", History);

    [Fact]
    public void Report_HostileTraitValues_AreEscaped_AndEverySegmentHasEveryFigure()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "out/map.html", "--segment", "plan");

        Assert.True(result.ExitCode == 0, result.Error);
        var html = File.ReadAllText(Path.Combine(dir.Path, "out", "map.html"));
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a&lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Start &lt;here&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("https?:"), html);
        var sections = Regex.Count(html, "<section class=\"segment\"");
        Assert.Equal(3, sections); // all accounts, plan: <script>..., plan: team
        foreach (var figure in new[] { "Funnel", "Time in stage", "Sentiment", "Stages in detail", "Playbook activity" })
        {
            Assert.Equal(sections, Regex.Count(html, $"<h3>{figure}</h3>"));
        }

        Assert.Contains("journey map of 'j': 7 events", result.Error, StringComparison.Ordinal);
        Assert.Contains("over 2 accounts", result.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("out", "map.html"), result.Error, StringComparison.Ordinal);
        Assert.Contains($"created the folder {Path.Combine(dir.Path, "out")} for the journey map", result.Error, StringComparison.Ordinal); // not left behind in silence
        Assert.Matches(@"in \d+\.\d s", result.Error);
    }

    [Fact]
    public void Report_Defaults_DrawTheJourneyMostPlaybooksServe_SplitByTheKnownTraitsPresent()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html");

        Assert.True(result.ExitCode == 0, result.Error);
        var html = File.ReadAllText(Path.Combine(dir.Path, "map.html"));
        Assert.Contains("<h1>Journey map: j</h1>", html, StringComparison.Ordinal); // not a-other, first alphabetically
        // Of the firmographic traits DESIGN splits every report by (plan, company size, industry, region) and persona,
        // the ones the history has.
        Assert.Contains("segments by plan, region;", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("created the folder", result.Error, StringComparison.Ordinal); // the folder was there
        Assert.Contains("region: eu", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BrokenTestFileBesideThePlaybooks_DrawsTheMapAnyway()
    {
        using var dir = Files().Write("playbooks/p.test.yaml", "test: half written\nevents: [\n");

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(Path.Combine(dir.Path, "map.html")));
        Assert.DoesNotContain("p.test.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SegmentOption_IsRepeatable()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--segment", "region", "--segment", "plan");

        Assert.True(result.ExitCode == 0, result.Error);
        var html = File.ReadAllText(Path.Combine(dir.Path, "map.html"));
        Assert.Equal(["all", "region=eu", "region=us", "plan=&lt;script&gt;alert(1)&lt;/script&gt;", "plan=team"],
            Regex.Matches(html, "<option value=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Report_AccountsWithoutTheTrait_AreInANotSetSegment_SoTheTraitsSegmentsAddUpToAll()
    {
        // "bare" never gets a plan; "cleared" had team until its plan was set to null.
        using var dir = Files().Write("events.jsonl", History + string.Join("\n",
            Line("8", "subscription.started", "2026-01-03T02:00:00Z", "bare"),
            Line("9", "account.updated", "2026-01-03T02:00:00Z", "cleared", """{"plan":"team"}"""),
            Line("10", "subscription.started", "2026-01-03T03:00:00Z", "cleared"),
            Line("11", "account.updated", "2026-01-03T04:00:00Z", "cleared", """{"plan":null}""")) + "\n");

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--segment", "plan");

        Assert.True(result.ExitCode == 0, result.Error);
        var html = File.ReadAllText(Path.Combine(dir.Path, "map.html"));
        var options = Regex.Matches(html, "<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal([("all", "All accounts (4 accounts)"), ("plan=&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt; (1 account)"),
            ("plan=team", "team (1 account)"), ("plan=(not set)", "(not set) (2 accounts)")], options);
        Assert.Contains("<h2>plan: (not set) <span class=\"meta\">2 accounts, 50% of all</span></h2>", html, StringComparison.Ordinal);
        Assert.Contains("The accounts with no <code>plan</code> at the end of the history (never given, or set to null since)", html, StringComparison.Ordinal);
        Assert.Contains("3 segments by plan;", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ScoresOutsideTheirScaleOrNoNumber_AreLeftOutOfSentiment_AndThePageAndSummarySaySo()
    {
        // In Start: CSATs of 4 and "2" (on the scale: a number sent as text counts), a CSAT of 50 and NPSs of 11, -3 and
        // "great" (off, or no number). "plain" answers nothing.
        using var dir = Files().Write("events.jsonl", History + string.Join("\n",
            Line("8", "csat.answered", "2026-01-04T03:00:00Z", "a<b>", """{"score":4}"""),
            Line("9", "csat.answered", "2026-01-04T04:00:00Z", "a<b>", """{"score":50}"""),
            Line("10", "nps.answered", "2026-01-04T05:00:00Z", "a<b>", """{"score":11}"""),
            Line("11", "nps.answered", "2026-01-04T06:00:00Z", "a<b>", """{"score":-3}"""),
            Line("12", "csat.answered", "2026-01-04T07:00:00Z", "a<b>", """{"score":"2"}"""),
            Line("13", "nps.answered", "2026-01-04T08:00:00Z", "a<b>", """{"score":"great"}""")) + "\n");

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--segment", "plan");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("; 1 CSAT answer and 3 NPS answers with a score outside the scale or no number (CSAT 1-5, NPS 0-10) left out; written to", result.Error, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(dir.Path, "map.html"));
        var all = Regex.Match(html, "<section class=\"segment\" data-segment=\"all\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<th scope=\"col\">Off scale, left out</th>", all, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Start &lt;here&gt;</th><td>50</td><td>3.0</td><td>2</td><td>–</td><td>0</td><td class=\"off-scale\">4</td></tr>", all, StringComparison.Ordinal);
        Assert.Contains("1 CSAT answer and 3 NPS answers had a score outside its scale or no number (CSAT 1-5, NPS 0-10) and are left out of these figures.", all, StringComparison.Ordinal);
        var team = Regex.Match(html, "<section class=\"segment\" data-segment=\"plan=team\" hidden>(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("off-scale", team, StringComparison.Ordinal); // its account answered nothing off the scale
    }

    [Fact]
    public void Report_UnknownJourney_ListsTheJourneysAndExitsOne()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--journey", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no journey 'nope'; the journeys are: a-other, j", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "map.html")));
    }

    [Fact]
    public void Report_OutIsADirectory_SaysSoBeforeReplaying()
    {
        using var dir = Files();
        Directory.CreateDirectory(Path.Combine(dir.Path, "maps"));

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "maps");

        Assert.Equal(1, result.ExitCode);
        var maps = Path.Combine(dir.Path, "maps");
        Assert.Equal($"triggers: '{maps}' is a directory; --out takes the HTML file to write, e.g. {maps}/journey.html", result.Error.Trim());
    }

    [Fact]
    public void Report_OutThatCannotBeWritten_SaysWhereAndWhy_ExitsOne()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "events.jsonl/map.html");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"triggers: the journey map could not be written: '{Path.Combine(dir.Path, "events.jsonl")}' is a file, not a folder, so '{Path.Combine(dir.Path, "events.jsonl", "map.html")}' cannot be written inside it",
            result.Error.Trim());
        Assert.DoesNotContain("Unhandled", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SegmentNoAccountHas_IsAWarning_AndTheOthersStillSplit()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--segment", "no_such_trait", "--segment", "plan");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: --segment no_such_trait: no account has that trait, so the map is not split by it", result.Error, StringComparison.Ordinal);
        Assert.Contains("segments by plan;", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SegmentGivenTwice_SplitsByItOnce()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--segment", "plan", "--segment", "plan");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("segments by plan;", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_HistoryWhereNoAccountEntersTheJourney_WarnsAndNamesTheOtherJourneys()
    {
        using var dir = Files().Write("events.jsonl", Line("1", "user.invited", "2026-01-01T02:00:00Z", "acme") + "\n");

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--journey", "j");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("warning: no account entered a stage of journey 'j' in this history, so its map is empty; the other journeys are: a-other (--journey)\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_EmptyHistory_WarnsAndTheMapSaysNoEvents_NotFromYear1()
    {
        using var dir = Files().Write("events.jsonl", "");

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("warning: events.jsonl holds no events, so the journey map is empty\n", result.Error, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(dir.Path, "map.html"));
        Assert.Contains("0 accounts, no events.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0001-01-01", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UntilBeforeEveryEvent_SaysTheEventsComeAfterIt_NotThatTheHistoryIsEmpty()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--until", "2025-12-01");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("warning: every event in events.jsonl comes after --until 2025-12-01T00:00:00Z (7 events), so the journey map is empty\n",
            result.Error, StringComparison.Ordinal);
        Assert.Contains("7 events (0 rejected, 0 late, 7 after --until)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Duplicates_AreCountedInTheSummary_SoItsCountAndThePagesAgree()
    {
        using var dir = Files().Write("events.jsonl", History + Line("3", "user.invited", "2026-01-01T02:00:00Z", "a<b>") + "\n");

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("journey map of 'j': 8 events (0 rejected, 0 late, 1 duplicate ignored) over 2 accounts", result.Error, StringComparison.Ordinal);
        Assert.Contains("2 accounts, 7 events from 2026-01-01 to 2026-01-03.", File.ReadAllText(Path.Combine(dir.Path, "map.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OutNamingTheEventsFile_IsRefused_AndTheHistoryKept()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "./events.jsonl");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is the events file; writing the journey map there would replace the history", result.Error, StringComparison.Ordinal);
        Assert.Equal(History, File.ReadAllText(Path.Combine(dir.Path, "events.jsonl")));
    }

    [Theory]
    [InlineData("link")]
    [InlineData("hard link")]
    public void Report_OutNamingTheEventsFileByAnotherPath_IsRefused_AndTheHistoryKept(string kind)
    {
        using var dir = Files();
        var (history, other) = (Path.Combine(dir.Path, "events.jsonl"), Path.Combine(dir.Path, "latest.jsonl"));
        if (kind == "link")
        {
            File.CreateSymbolicLink(other, "events.jsonl");
        }
        else
        {
            using var ln = System.Diagnostics.Process.Start("ln", [history, other]);
            ln.WaitForExit();
        }

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "latest.jsonl", "--out", "events.jsonl");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is the events file; writing the journey map there would replace the history", result.Error, StringComparison.Ordinal);
        Assert.Equal(History, File.ReadAllText(history));
    }

    [Theory]
    [InlineData("history.jsonl")]
    [InlineData("playbooks/p.yaml")]
    public void Report_OutNamingAnExistingDataFile_IsRefused_EvenWithTheHistoryPipedIn(string data)
    {
        using var dir = Files().Write("history.jsonl", History);
        var before = File.ReadAllText(Path.Combine(dir.Path, data));

        var result = TriggersProcess.RunWithInput(dir.Path, System.Text.Encoding.UTF8.GetBytes(History), "report", "--events", "-", "--out", data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"file that exists; the journey map is HTML and would replace it (give an .html file, e.g. journey.html)", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir.Path, data)));
    }

    [Fact]
    public void Report_OutDash_WritesTheMapToStandardOutput_NotToAFileNamedDash()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "-")));
        Assert.StartsWith("<!DOCTYPE html>", result.Output, StringComparison.Ordinal);
        Assert.Contains("written to standard output", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_MissingEventsFile_SaysWhichAndExitsOne()
    {
        using var dir = Files();

        var result = TriggersProcess.Run(dir.Path, "report", "--events", "missing.jsonl", "--out", "map.html");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("events file 'missing.jsonl' does not exist", result.Error, StringComparison.Ordinal);
    }
}
