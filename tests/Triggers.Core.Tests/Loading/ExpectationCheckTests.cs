using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// An expectation that could never match (a value the engine never produces, a field the kind of outcome does not
/// carry) is an error at load time, at its position, rather than a test that fails with everything looking right.
/// </summary>
public sealed class ExpectationCheckTests
{
    private const string Playbook = """
        playbook: spike
        rules:
          - id: three-tickets
            when: { count: { event: ticket.opened, at_least: 3, within: 7d } }
            do:
              - task: { title: spike }
        """;

    [Theory]
    [InlineData("{ rule: spike/three-tickets, action: tsk }",
        "t.test.yaml:5:42: error TRG019: 'tsk' is not a valid value for 'action'; did you mean 'task'?", "'action' takes one of: email, task, webhook, emit")]
    [InlineData("{ kind: suppressed, rule: spike/three-tickets, reason: limt }",
        "t.test.yaml:5:60: error TRG019: 'limt' is not a valid value for 'reason'; did you mean 'limit'?", "'reason' takes one of: limit, unsubscribed, bounced, invalid-recipient, emit-depth, capacity")]
    [InlineData("{ kind: suppressed, rule: spike/three-tickets, status: failed }",
        "t.test.yaml:5:52: error TRG015: a suppressed outcome has no 'status', so this expectation could never match",
        "a suppressed outcome is matched on: rule, action, to, template, title, target, type, milestone, stage, reason, accountid")]
    [InlineData("{ rule: spike/three-tickets, status: reached }",
        "t.test.yaml:5:34: error TRG015: an action outcome has no 'status', so this expectation could never match", "(write kind: milestone, stage, suppressed, late or rejected for those)")]
    [InlineData("{ rule: spike/three-tickets, action: email, title: spike }",
        "t.test.yaml:5:49: error TRG015: an email action has no 'title', so this expectation could never match", "an email action is matched on: rule, action, accountid, to, template, data")]
    [InlineData("{ rule: spike/three-tickets, action: email, target: slack-cs }",
        "t.test.yaml:5:49: error TRG015: an email action has no 'target', so this expectation could never match", "an email action is matched on")]
    [InlineData("{ rule: spike/three-tickets, action: task, to: ann@acme.test }",
        "t.test.yaml:5:48: error TRG015: a task action has no 'to', so this expectation could never match", "a task action is matched on: rule, action, accountid, title, assignee, priority, due")]
    [InlineData("{ rule: spike/three-tickets, action: webhook, data: { a: 1 } }",
        "t.test.yaml:5:51: error TRG015: a webhook action has no 'data', so this expectation could never match", "a webhook action is matched on: rule, action, accountid, target, body")]
    [InlineData("{ rule: spike/three-tickets, action: emit, body: { a: 1 } }",
        "t.test.yaml:5:48: error TRG015: an emit action has no 'body', so this expectation could never match", "an emit action is matched on: rule, action, accountid, type, data")]
    [InlineData("{ rule: spike/three-tickets, title: spike, to: ann@acme.test }",
        "t.test.yaml:5:48: error TRG015: no action has both 'title' and 'to', so this expectation could never match", "'title' is a task's, 'to' an email's")]
    [InlineData("{ rule: spike/three-tickets, body: { a: 1 }, data: { a: 1 } }",
        "t.test.yaml:5:50: error TRG015: no action has both 'body' and 'data', so this expectation could never match", "'body' is a webhook's, 'data' an email's or an emit's")]
    [InlineData("{ kind: late, rule: spike/three-tickets }",
        "t.test.yaml:5:19: error TRG015: a late outcome has no 'rule', so this expectation could never match", "a late outcome is matched on: trigger_event, reason, accountid")]
    [InlineData("{ kind: rejected, trigger_event: e1 }",
        "t.test.yaml:5:23: error TRG015: a rejected outcome has no 'trigger_event', so this expectation could never match", "a rejected outcome is matched on: reason, accountid")]
    [InlineData("{ rule: spike/three-tickets, action: email, due: 2026-01-10T10:00:00Z }",
        "t.test.yaml:5:49: error TRG015: an email action has no 'due', so this expectation could never match", "an email action is matched on")]
    [InlineData("{ kind: milestone, status: reachd }",
        "t.test.yaml:5:32: error TRG019: 'reachd' is not a valid value for 'status'; did you mean 'reached'?", "'status' takes one of: reached, succeeded, failed")]
    public void ExpectationThatCouldNeverMatch_IsAnErrorAtItsPosition(string expectation, string error, string hint)
    {
        var test = $"""
            test: t
            events:
              - {"{"} time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme {"}"}
            expect:
              - {expectation}
            """;

        var result = PlaybookLoader.Load([new SourceFile("spike.yaml", Playbook), new SourceFile("t.test.yaml", test)]);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(error, diagnostic.ToString());
        Assert.Contains(hint, diagnostic.Hint);
    }

    [Fact]
    public void ExpectationsWithTheFieldsTheirKindCarries_Load()
    {
        var test = """
            test: t
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme }
            expect:
              - { rule: spike/three-tickets, action: task, title: spike, priority: normal, accountid: acme }
              - { rule: spike/three-tickets, action: email, to: ann@acme.test, template: spike, data: { n: 1 } }
              - { rule: spike/three-tickets, action: webhook, target: slack-cs, body: { n: 1 } }
              - { rule: spike/three-tickets, action: emit, type: spike.seen, data: { n: 1 } }
              - { rule: spike/three-tickets, title: spike, priority: high }
              - { rule: spike/three-tickets, data: { n: 1 } }
              - { kind: suppressed, rule: spike/three-tickets, action: task, reason: limit }
              - { kind: late, trigger_event: e1, accountid: acme, reason: arrived 1h behind the newest event of its account; allowed lateness is 0 }
              - { kind: rejected, reason: 'specversion must be "1.0"' }
            """;

        var result = PlaybookLoader.Load([new SourceFile("spike.yaml", Playbook), new SourceFile("t.test.yaml", test)]);

        Assert.Empty(result.Diagnostics);
    }
}
