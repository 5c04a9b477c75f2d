using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Testing;

/// <summary>
/// Late and malformed events are outcomes the contract says are reported, so a test can expect them like any other:
/// <c>kind: late</c> with the late event's id, account and reason, <c>kind: rejected</c> with its reason.
/// </summary>
public sealed class LateAndRejectedExpectationTests
{
    private const string Playbook = """
        playbook: spike
        rules:
          - id: every-ticket
            when: { event: ticket.opened }
            do:
              - task: { title: "Ticket {{ event.data.n }}" }
        """;

    private static string LateTest(string late) => $$"""
        test: a ticket from yesterday arrives after today's
        events:
          - { id: t2, time: 2026-02-02T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 2 } }
          - { id: t1, time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 1 } }
        expect:
          - { time: 2026-02-02T10:00:00Z, rule: spike/every-ticket, action: task, title: Ticket 2 }
          - {{late}}
        expect_only: true
        """;

    [Fact]
    public void EventListedAfterALaterOne_CanBeExpectedLate_WithItsIdAccountAndReason() =>
        Scenario.Passes(Playbook, LateTest(
            "{ kind: late, time: 2026-02-01T10:00:00Z, accountid: acme, trigger_event: t1, reason: 'arrived 1d behind the newest event of its account; allowed lateness is 0' }"));

    [Theory]
    [InlineData("2026-02-01T10:00:00.0000001Z", "2026-02-01T10:00:00Z", "100ns")]
    [InlineData("2026-02-01T10:00:00.0000025Z", "2026-02-01T10:00:00Z", "2.5µs")]
    [InlineData("2026-02-01T12:00:00.0000001Z", "2026-02-01T10:00:00Z", "2h")]
    [InlineData("2026-02-01T12:00:00Z", "2026-02-01T09:59:59.9999999Z", "2h")]
    public void EventLateByAFractionOfASecond_SaysByHowMuch_InWordsThatReadWell(string newest, string late, string behind) =>
        Scenario.Passes(Playbook, $$"""
            test: a ticket a moment behind another
            events:
              - { id: t2, time: {{newest}}, type: ticket.opened, accountid: acme, data: { n: 2 } }
              - { id: t1, time: {{late}}, type: ticket.opened, accountid: acme, data: { n: 1 } }
            expect:
              - { kind: late, trigger_event: t1, reason: 'arrived {{behind}} behind the newest event of its account; allowed lateness is 0' }
            """);

    [Fact]
    public void ExpectedLateEventThatWasNot_FailsWithWhatDiffers_AndNoHintToReorderTheEvents()
    {
        var result = Scenario.Run(Playbook, LateTest("{ kind: late, trigger_event: t2 }"));

        Assert.False(result.Passed);
        var report = string.Join("\n", result.Report);
        Assert.Contains("  - any time late trigger_event=t2", report);
        Assert.Contains("trigger_event is 't1', not 't2'", report);
        Assert.DoesNotContain("hint: events are fed in the order they are listed", report);
    }

    [Fact]
    public void EventsOfTwoAccountsListedEachInItsOwnOrder_AreNotLate_AndTheHintCountsOnlyTheStragglersOwnAccount()
    {
        // globex's ticket comes after acme's later ones but is globex's first: not late. acme's t1 is 3h behind acme's t3.
        var result = Scenario.Run(Playbook, """
            test: lateness is per account
            events:
              - { id: t3, time: 2026-02-01T13:00:00Z, type: ticket.opened, accountid: acme, data: { n: 3 } }
              - { id: t4, time: 2026-02-05T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 4 } }
              - { id: g1, time: 2026-02-01T09:00:00Z, type: ticket.opened, accountid: globex, data: { n: 9 } }
              - { id: t1, time: 2026-02-05T07:00:00Z, type: ticket.opened, accountid: acme, data: { n: 1 } }
            expect:
              - { time: 2026-02-01T09:00:00Z, rule: spike/every-ticket, action: task, accountid: globex, title: Ticket 9 }
              - { time: 2026-02-05T07:00:00Z, rule: spike/every-ticket, action: task, title: Ticket 1 }
            """);

        Assert.False(result.Passed);
        var report = string.Join("\n", result.Report);
        var missing = report[..report.IndexOf("actual outcomes:", StringComparison.Ordinal)];
        Assert.DoesNotContain("Ticket 9", missing); // globex's ticket fired: only acme's straggler is missing
        Assert.Contains("late accountid=acme reason='arrived 3h behind the newest event of its account", report);
        Assert.Contains("'allowed_lateness: 3h'", report);
    }

    [Fact]
    public void MalformedEvent_CanBeExpectedRejected_WithItsReason() =>
        Scenario.Passes(Playbook, """
            test: an event of another CloudEvents version is refused
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, specversion: "0.3", data: { n: 1 } }
            expect:
              - { kind: rejected, time: 2026-02-01T10:00:00Z, reason: 'specversion must be "1.0"' }
            expect_only: true
            """);

    [Theory]
    [InlineData("acme", true)]
    [InlineData("globex", false)]
    public void RejectedEventNamingItsAccount_CanBeExpectedWithIt(string account, bool passes)
    {
        var result = Scenario.Run(Playbook, $$"""
            test: a line of another CloudEvents version, from acme
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, specversion: "0.3", data: { n: 1 } }
            expect:
              - { kind: rejected, accountid: {{account}}, reason: 'specversion must be "1.0"' }
            """);

        Assert.Equal(passes, result.Passed);
    }

    [Fact]
    public void TestEventTheEngineRejects_FailsTheTest_EvenWithoutExpectOnly()
    {
        var result = Scenario.Run(Playbook, """
            test: the second ticket's account has a stray space
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 1 } }
              - { time: 2026-02-01T11:00:00Z, type: ticket.opened, accountid: "acme ", data: { n: 2 } }
            expect:
              - { time: 2026-02-01T10:00:00Z, rule: spike/every-ticket, action: task, title: Ticket 1 }
            """);

        Assert.False(result.Passed);
        var report = string.Join("\n", result.Report);
        Assert.Contains("events of the test the engine rejected", report);
        Assert.Contains("'accountid' begins or ends with white space ('acme ')", report);
        Assert.DoesNotContain("(expect_only)", report);
    }
}
