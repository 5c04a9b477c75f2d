namespace Triggers.Core.Tests.Engine;

public sealed class CountTests
{
    private const string Spike = """
        playbook: spike
        rules:
          - id: ticket-spike
            when:
              count: { event: ticket.opened, where: event.data.priority != "low", at_least: 3, within: 7d }
            do:
              - webhook: { target: slack-cs, body: { text: "{{ account.name }}: ticket spike", count: 3 } }
        """;

    [Fact]
    public void CountAtLeast_ThirdTicketWithinSevenDays_FiresAtThirdTicket()
    {
        Scenario.Passes(Spike, """
            test: three tickets in a week
            events:
              - { time: 2026-02-01T09:00:00Z, type: account.updated, accountid: acme, data: { name: Acme } }
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-03T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: normal } }
              - { time: 2026-02-07T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
            expect:
              - { time: 2026-02-07T10:00:00Z, rule: spike/ticket-spike, action: webhook, target: slack-cs }
            expect_only: true
            """);
    }

    [Fact]
    public void CountAtLeast_TicketsSpreadOverTenDays_DoesNotFire()
    {
        Scenario.Passes(Spike, """
            test: the first ticket slid out of the window
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-05T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-10T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
            expect: []
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("2026-02-08T10:00:00Z", true)] // exactly seven days after the first: within, as at the end of an unless window
    [InlineData("2026-02-08T10:00:01Z", false)] // a second later the first has left the window
    public void CountAtLeast_WindowIncludesItsEnd(string third, bool fires)
    {
        var expect = fires ? $"\n  - {{ time: {third}, rule: spike/ticket-spike, action: webhook }}" : "[]";
        Scenario.Passes(Spike, $$"""
            test: the third ticket seven days after the first
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-05T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: {{third}}, type: ticket.opened, accountid: acme, data: { priority: high } }
            expect: {{expect}}
            expect_only: true
            """);
    }

    [Fact]
    public void CountAtLeast_FilteredEventsDoNotCount()
    {
        Scenario.Passes(Spike, """
            test: low-priority tickets are not a spike
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-02T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: low } }
              - { time: 2026-02-03T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
            expect: []
            expect_only: true
            """);
    }

    [Fact]
    public void CountAtLeast_SixTickets_FiresOncePerBurstOfThree()
    {
        Scenario.Passes(Spike, """
            test: six tickets make two spikes
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-01T11:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-01T12:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-01T13:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-01T14:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
              - { time: 2026-02-01T15:00:00Z, type: ticket.opened, accountid: acme, data: { priority: high } }
            expect:
              - { time: 2026-02-01T12:00:00Z, rule: spike/ticket-spike, action: webhook }
              - { time: 2026-02-01T15:00:00Z, rule: spike/ticket-spike, action: webhook }
            expect_only: true
            """);
    }

    [Fact]
    public void CountAtMost_NoLoginsForAWeek_FiresWhenTheQuietWindowEnds()
    {
        Scenario.Passes("""
            playbook: inactivity
            rules:
              - id: quiet-week
                when:
                  count: { event: user.logged_in, at_most: 0, within: 7d }
                do:
                  - task: { title: "{{ account.name }} went quiet" }
            """, """
            test: a week without logins after the last one
            events:
              - { time: 2026-03-01T09:00:00Z, type: account.updated, accountid: acme, data: { name: Acme } }
              - { time: 2026-03-03T09:00:00Z, type: user.logged_in, accountid: acme, userid: u1 }
            run_until: 2026-03-12T00:00:00Z
            expect:
              - { time: 2026-03-10T09:00:00Z, rule: inactivity/quiet-week, action: task, title: Acme went quiet }
            expect_only: true
            """);
    }
}
