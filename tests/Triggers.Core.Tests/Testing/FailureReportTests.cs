using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Testing;

/// <summary>
/// A failing playbook test says what happened instead of what was expected, so the author sees whether the
/// playbook or the test is wrong without reading the whole timeline.
/// </summary>
public sealed class FailureReportTests
{
    private const string Playbook = """
        playbook: spike
        rules:
          - id: every-ticket
            when: { event: ticket.opened }
            do:
              - task: { title: "Ticket {{ event.data.n }}", assignee: cs@vendor.test }
            limit: { max: 1, per: 7d }
        """;

    private static string Test(string expect) => $$"""
        test: t
        events:
          - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 1 } }
          - { time: 2026-02-02T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 2 } }
        expect:
          - {{expect}}
        """;

    private static string Report(string expect)
    {
        var result = Scenario.Run(Playbook, Test(expect));
        Assert.False(result.Passed);
        return string.Join("\n", result.Report);
    }

    [Fact]
    public void ExpectedActionThatWasSuppressed_SaysSoWithTheReason()
    {
        var report = Report("{ time: 2026-02-02T10:00:00Z, rule: spike/every-ticket, action: task }");

        Assert.Contains("suppressed instead at 2026-02-02T10:00:00Z, reason limit: limit of 1 per 7d reached", report);
    }

    [Fact]
    public void ExpectedSuppressionOfAnActionThatWasSent_SaysItWasSentInstead()
    {
        var report = Report("{ kind: suppressed, time: 2026-02-01T10:00:00Z, rule: spike/every-ticket, action: task }");

        Assert.Contains("sent instead: 2026-02-01T10:00:00Z action task accountid=acme rule=spike/every-ticket title='Ticket 1' assignee=cs@vendor.test priority=normal", report);
    }

    [Fact]
    public void ExpectedActionAtAnotherTimeOrWithOtherText_ShowsTheClosestAndWhatDiffers()
    {
        var report = Report("{ time: 2026-02-01T09:00:00Z, rule: spike/every-ticket, action: task, title: Ticket one }");

        Assert.Contains("closest: 2026-02-01T10:00:00Z action task accountid=acme rule=spike/every-ticket title='Ticket 1'", report);
        Assert.Contains(": 1h later than expected; title is 'Ticket 1', not 'Ticket one'", report);
    }

    [Fact]
    public void EachLine_NamesTheActionKindOnceAndQuotesValuesWithSpaces()
    {
        var report = Report("{ time: 2026-02-03T10:00:00Z, rule: spike/every-ticket, action: task, title: \"it's late\" }");

        Assert.Contains("  - 2026-02-03T10:00:00Z action task rule=spike/every-ticket title=\"it's late\"", report);
        Assert.Contains("    2026-02-02T10:00:00Z suppressed task accountid=acme rule=spike/every-ticket title='Ticket 2' reason=limit", report);
        Assert.DoesNotContain("action=", report);
    }

    [Fact]
    public void ValuesWithLineBreaks_StayOnOneLine()
    {
        var result = Scenario.Run(Playbook.Replace("Ticket {{ event.data.n }}", "{{ event.data.n }}"), """
            test: t
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: "one\nrow" } }
            expect:
              - { rule: spike/every-ticket, action: email }
            """);

        Assert.Contains("    2026-02-01T10:00:00Z action task accountid=acme rule=spike/every-ticket title='one\\nrow' assignee=cs@vendor.test priority=normal", result.Report);
    }

    [Fact]
    public void RunUntilBeforeTheEvents_SaysWhichEventsWereNotReplayed()
    {
        var result = Scenario.Run(Playbook, """
            test: t
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 1 } }
              - { time: 2026-02-09T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 2 } }
            run_until: 2026-02-05T00:00:00Z
            expect:
              - { time: 2026-02-09T10:00:00Z, rule: spike/every-ticket, action: task }
            """);

        // (A run_until before every event is a load error: see TestFileErrorsTests.)
        var report = string.Join("\n", result.Report);
        Assert.Contains("hint: 1 event after run_until (2026-02-05T00:00:00Z) was not replayed: scenario.test.yaml:4:5", report);
        Assert.Contains("hint: run_until (2026-02-05T00:00:00Z) ends the run before 2026-02-09T10:00:00Z", report);
    }

    [Fact]
    public void SameIdInAnotherAccount_IsNoDuplicate_AndNoHintSaysItWas()
    {
        var result = Scenario.Run(Playbook, """
            test: t
            events:
              - { id: t1, time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 1 } }
              - { id: t1, time: 2026-02-01T11:00:00Z, type: ticket.opened, accountid: globex, data: { n: 2 } }
            expect:
              - { time: 2026-02-09T10:00:00Z, rule: spike/every-ticket, action: task }
            """);

        Assert.DoesNotContain("ignored as duplicate", string.Join("\n", result.Report), StringComparison.Ordinal);
        Assert.Equal(2, result.Outcomes.Count(o => o.Kind == Triggers.Core.Engine.OutcomeKind.Action));
    }

    [Fact]
    public void ExpectedActionWithAnotherTitle_IsNotAnsweredWithAnotherActionsFate()
    {
        // Ticket 1's task went out and ticket 2's was suppressed: expecting ticket 1's with a wrong assignee is a near
        // miss of the task that went out, not "suppressed instead" quoting ticket 2's.
        var report = Report("{ rule: spike/every-ticket, action: task, title: Ticket 2, assignee: cs@vendor.test }");

        Assert.Contains("suppressed instead", report, StringComparison.Ordinal); // ticket 2's task was suppressed: right
        var other = Report("{ rule: spike/every-ticket, action: task, title: Ticket 1, assignee: someone@vendor.test }");
        Assert.DoesNotContain("suppressed instead", other, StringComparison.Ordinal);
        Assert.Contains("assignee is 'cs@vendor.test', not 'someone@vendor.test'", other, StringComparison.Ordinal);
    }

    [Fact]
    public void EventsCopiedWithTheirId_AreNamedAsIgnoredDuplicates()
    {
        var result = Scenario.Run(Playbook, """
            test: t
            events:
              - { id: t1, time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 1 } }
              - { id: t1, time: 2026-02-09T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 2 } }
            expect:
              - { time: 2026-02-09T10:00:00Z, rule: spike/every-ticket, action: task }
            """);

        Assert.Contains("hint: 1 event repeats an earlier event's id and was ignored as duplicate: scenario.test.yaml:4:5", string.Join("\n", result.Report));
    }

    [Fact]
    public void MisspeltTimeZone_IsNamedInAHint()
    {
        var result = Scenario.Run("""
            playbook: quiet
            rules:
              - id: r
                when: { event: ticket.opened }
                do:
                  - task: { title: t }
                quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
            """, """
            test: t
            events:
              - { time: 2026-02-01T09:00:00Z, type: account.updated, accountid: acme, data: { timezone: Europe/Berln } }
              - { time: 2026-02-01T20:30:00Z, type: ticket.opened, accountid: acme }
            run_until: 2026-02-02T12:00:00Z
            expect:
              - { time: 2026-02-02T07:00:00Z, rule: quiet/r, action: task }
            """);

        Assert.Contains("hint: quiet hours were kept in UTC for 1 action: 1 whose time zone is unknown ('Europe/Berln')", string.Join("\n", result.Report));
    }

    [Fact]
    public void ExpectationOfARuleThatNeverFired_HasNoClosest()
    {
        var report = Report("{ kind: milestone, status: reached }");

        Assert.DoesNotContain("closest", report);
        Assert.DoesNotContain("instead", report);
    }

    [Fact]
    public void ActualOutcomesOfSeveralAccounts_AreListedInTimeOrder()
    {
        var result = Scenario.Run(Playbook, """
            test: t
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: zeta, data: { n: 1 } }
              - { time: 2026-02-01T11:00:00Z, type: ticket.opened, accountid: alpha, data: { n: 2 } }
              - { time: 2026-02-01T12:00:00Z, type: ticket.opened, accountid: zeta, data: { n: 3 } }
            expect:
              - { rule: spike/every-ticket, title: Ticket 4 }
            expect_only: true
            """);

        var report = result.Report;
        var actual = report.SkipWhile(l => l != "actual outcomes:").Skip(1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z", "2026-02-01T12:00:00Z"], actual.Select(l => l.Trim()[..20]));
        var unexpected = report.SkipWhile(l => !l.StartsWith("happened but not expected", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith("  + ", StringComparison.Ordinal));
        Assert.Equal(["2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z"], unexpected.Select(l => l[4..24]));
    }
}
