namespace Triggers.Core.Tests.Engine;

/// <summary>
/// Numeric ids beyond 2^53 (ticket and CRM ids of 19 digits) in conditions: 1234567890123456789 and
/// 1234567890123456788 are one and the same double, yet they are two tickets.
/// </summary>
public sealed class LargeNumberIdTests
{
    private const string Escalation = """
        playbook: escalation
        rules:
          - id: unanswered
            when: { event: ticket.escalated }
            unless: { event: ticket.responded, where: event.data.ticket_id == trigger.data.ticket_id, within: 2d }
            do:
              - task: { title: "ticket {{ trigger.data.ticket_id }} unanswered" }
        """;

    [Theory]
    [InlineData("1234567890123456788", true)] // another ticket, the same double: the window stays open
    [InlineData("1234567890123456789", false)] // the ticket itself
    [InlineData("1234567890123456789.0", false)] // the same number, written otherwise
    [InlineData("12345678901234567890e-1", false)]
    public void Unless_ResponseToATicketWhoseIdIsTheSameDouble_DoesNotCloseTheWindow(string responded, bool fires)
    {
        var expect = fires ? "\n  - { time: 2026-01-07T10:00:00Z, rule: escalation/unanswered, action: task, title: ticket 1234567890123456789 unanswered }" : "[]";
        Scenario.Passes(Escalation, $$"""
            test: only a response to the escalated ticket answers it
            events:
              - { time: 2026-01-05T10:00:00Z, type: ticket.escalated, accountid: acme, data: { ticket_id: 1234567890123456789 } }
              - { time: 2026-01-05T12:00:00Z, type: ticket.responded, accountid: acme, data: { ticket_id: {{responded}} } }
            run_until: 2026-01-20T00:00:00Z
            expect: {{expect}}
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("event.data.ticket_id > 1234567890123456788", true)]
    [InlineData("event.data.ticket_id >= 1234567890123456790", false)]
    [InlineData("event.data.ticket_id < 1234567890123456790", true)]
    [InlineData("event.data.ticket_id in [1234567890123456788, 1234567890123456790]", false)]
    [InlineData("event.data.ticket_id in [1234567890123456788, 1234567890123456789]", true)]
    [InlineData("event.data.ticket_id != 1234567890123456788", true)]
    [InlineData("event.data.small == 1.5", true)]
    [InlineData("event.data.small > 1", true)]
    [InlineData("event.data.ticket_id > 1000000000000000000", true)]
    [InlineData("event.data.ticket_id < 2000000000000000000", true)]
    [InlineData("event.data.ticket_id > -1234567890123456790", true)]
    [InlineData("-1234567890123456790 < -1234567890123456789", true)]
    [InlineData("-1234567890123456789 < -1234567890123456790", false)]
    public void Where_ComparesLongIdsByTheirDigits(string where, bool fires)
    {
        var expect = fires ? "\n  - { time: 2026-01-05T10:00:00Z, rule: ids/check, action: task }" : "[]";
        Scenario.Passes($$"""
            playbook: ids
            rules:
              - id: check
                when: { event: ticket.opened }
                where: {{where}}
                do:
                  - task: { title: matched }
            """, $$"""
            test: the condition reads the id as written
            events:
              - { time: 2026-01-05T10:00:00Z, type: ticket.opened, accountid: acme, data: { ticket_id: 1234567890123456789, small: 1.5 } }
            run_until: 2026-01-06T00:00:00Z
            expect: {{expect}}
            expect_only: true
            """);
    }

    [Fact]
    public void NumberBeyondADoublesRange_IsKeptAsWritten_NotReadAsNullRemovingTheTrait() =>
        Scenario.Passes("""
            playbook: seats
            rules:
              - id: huge
                when: { event: ticket.opened }
                where: account.seats > 1000000 and account.seats != 1e5
                do:
                  - task: { title: "seats {{ account.seats }}" }
            """.Replace("1e5", "100000", StringComparison.Ordinal), """
            test: a value no double holds still counts
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { seats: 5 } }
              - { time: 2026-01-05T09:30:00Z, type: account.updated, accountid: acme, data: { seats: 1e400 } }
              - { time: 2026-01-05T10:00:00Z, type: ticket.opened, accountid: acme }
            expect:
              - { time: 2026-01-05T10:00:00Z, rule: seats/huge, action: task, title: seats 1e400 }
            expect_only: true
            """);
}
