using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Testing;

/// <summary>
/// <c>expect_only: true</c> checks actions only, as docs/language.md says: every action that fires must be paired with
/// an expectation; milestones, stages, suppressions and late events are never held against it, expected or not.
/// </summary>
public sealed class ExpectOnlyTests
{
    private const string Playbook = """
        playbook: spike
        milestones:
          - id: first-ticket
            reached_when: { event: ticket.opened }
            success: { event: ticket.resolved, within: 7d }
        rules:
          - id: every-ticket
            when: { event: ticket.opened }
            do:
              - task: { title: "Ticket {{ event.data.n }}" }
            limit: { max: 1, per: 7d }
        """;

    private static string Test(string expect) => $$"""
        test: t
        events:
          - { time: 2026-02-01T09:00:00Z, type: subscription.started, accountid: acme }
          - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 1 } }
          - { time: 2026-02-02T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 2 } }
          - { time: 2026-01-31T10:00:00Z, type: ticket.resolved, accountid: acme }
        expect: {{expect}}
        expect_only: true
        """;

    [Fact]
    public void ExpectOnly_WithEveryActionExpected_PassesDespiteUnexpectedMilestoneStageSuppressionAndLateEvent()
    {
        var result = Scenario.Run(Playbook, Test("[{ time: 2026-02-01T10:00:00Z, rule: spike/every-ticket, action: task }]"));

        Assert.True(result.Passed, string.Join("\n", result.Report));
        Assert.Equal(["action", "late", "milestone", "stage", "suppressed"],
            result.Outcomes.Select(o => Core.Engine.OutcomeJson.Kind(o.Kind)).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExpectOnly_WithAnActionNotExpected_FailsNamingOnlyTheAction()
    {
        var result = Scenario.Run(Playbook, Test("[]"));

        Assert.False(result.Passed);
        var unexpected = result.Report.SkipWhile(l => l != "happened but not expected (expect_only):").Skip(1).TakeWhile(l => l.StartsWith("  + ", StringComparison.Ordinal));
        Assert.Equal(["  + 2026-02-01T10:00:00Z action task accountid=acme rule=spike/every-ticket title='Ticket 1' priority=normal"], unexpected);
    }
}
