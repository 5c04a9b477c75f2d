using Triggers.Core.Tests.Engine;
using Triggers.Core.Tests.Support;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// A test must not pass by checking nothing (audit 36): a field written with no value, a playbook list whose items
/// are no names, a blank <c>allowed_lateness</c> are errors at the line; an empty list of events or playbooks is a
/// warning (TRG206).
/// </summary>
public sealed class VacuousTestTests
{
    private const string Playbook = """
        playbook: escalation
        rules:
          - id: unanswered
            when: { event: ticket.escalated }
            do:
              - task: { title: "escalation {{ trigger.data.id }}", assignee: "{{ account.csm_email }}" }
        """;

    private static List<string> Diagnostics(string test) =>
        [.. Sources.Load(("escalation.yaml", Playbook), ("e.test.yaml", test)).Diagnostics.Select(d => d.ToString())];

    private const string Events = """
        events:
          - { time: 2026-02-01T09:00:00Z, type: account.updated, accountid: acme, data: { csm_email: cs@vendor.test } }
          - { time: 2026-02-01T10:00:00Z, type: ticket.escalated, accountid: acme, data: { id: 7 } }
        """;

    [Theory]
    [InlineData("assignee: null")]
    [InlineData("assignee: ~")]
    [InlineData("title:")]
    [InlineData("rule:")]
    public void ExpectationFieldWithNoValue_IsAnError_NotAFieldThatMatchesAnything(string field)
    {
        var key = field[..field.IndexOf(':', StringComparison.Ordinal)];

        var diagnostics = Diagnostics($"test: t\n{Events}\nexpect:\n  - {{ action: task, {field} }}\n");

        Assert.Contains($"e.test.yaml:6:21: error TRG004: '{key}' in expected outcome has no value, so it would match anything", diagnostics);
    }

    [Theory]
    [InlineData("\"\"", false)] // the task names cs@vendor.test
    [InlineData("cs@vendor.test", true)]
    public void AssigneeWrittenEmpty_MatchesOnlyATaskThatNamesNobody(string assignee, bool passes)
    {
        var result = Scenario.Run(Playbook, $"test: t\n{Events}\nexpect:\n  - {{ rule: escalation/unanswered, action: task, assignee: {assignee} }}\n");

        Assert.Equal(passes, result.Passed);
    }

    [Theory]
    [InlineData("playbooks:\n  - escalation:\n", "e.test.yaml:3:5: error TRG003: each item of 'playbooks' must be a playbook id, not a mapping")]
    [InlineData("playbooks: [[escalation]]\n", "e.test.yaml:2:13: error TRG003: each item of 'playbooks' must be a playbook id, not a list")]
    [InlineData("allowed_lateness:\n", "e.test.yaml:2:1: error TRG004: 'allowed_lateness' in test has no value")]
    [InlineData("playbooks: []\n", "e.test.yaml:2:12: warning TRG206: 'playbooks' is empty, so the test runs no playbook: it checks nothing")]
    public void TestThatWouldCheckNothing_IsReportedAtItsLine(string line, string expected)
    {
        var diagnostics = Diagnostics($"test: t\n{line}{Events}\nexpect: []\n");

        Assert.Contains(expected, diagnostics);
    }

    [Fact]
    public void NoEvents_IsAWarning() =>
        Assert.Contains("e.test.yaml:2:9: warning TRG206: 'events' is empty, so nothing is replayed: the test checks nothing",
            Diagnostics("test: t\nevents: []\nexpect: []\n"));
}
