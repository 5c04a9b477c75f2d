using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Testing;

/// <summary>
/// A test can say what a webhook body or an email's template data must hold: the members given, recursively, with
/// YAML's types (59 is a number, "59" text); members left out match anything.
/// </summary>
public sealed class PayloadExpectationTests
{
    private const string Playbook = """
        playbook: spike
        rules:
          - id: tickets
            when: { count: { event: ticket.opened, at_least: 2, within: 7d } }
            do:
              - webhook: { target: slack-cs, body: { account: "{{ account.id }}", count: 2, detail: { subject: "{{ trigger.data.subject }}" } } }
              - email: { to: cs@vendor.test, template: spike, data: { latest: "{{ trigger.data.subject }}" } }
        """;

    private static bool Passes(string expectation) => Scenario.Run(Playbook, $$"""
        test: t
        events:
          - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { subject: Login broken } }
          - { time: 2026-02-02T10:00:00Z, type: ticket.opened, accountid: acme, data: { subject: Export slow } }
        expect:
          - {{expectation}}
        """).Passed;

    [Theory]
    [InlineData("{ rule: spike/tickets, action: webhook, body: { account: acme } }")]
    [InlineData("{ rule: spike/tickets, action: webhook, body: { count: 2, detail: { subject: Export slow } } }")]
    [InlineData("{ rule: spike/tickets, action: email, data: { latest: Export slow } }")]
    public void PayloadHoldingTheGivenMembers_Matches(string expectation) => Assert.True(Passes(expectation));

    [Theory]
    [InlineData("{ rule: spike/tickets, action: webhook, body: { account: globex } }")]
    [InlineData("{ rule: spike/tickets, action: webhook, body: { count: \"2\" } }")]
    [InlineData("{ rule: spike/tickets, action: webhook, body: { detail: { subject: Login broken } } }")]
    [InlineData("{ rule: spike/tickets, action: webhook, body: { missing: 1 } }")]
    public void PayloadWithoutThem_DoesNotMatch(string expectation) => Assert.False(Passes(expectation));

    [Fact]
    public void MismatchedBody_IsShownInTheClosestOutcome()
    {
        var result = Scenario.Run(Playbook, """
            test: t
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { subject: Login broken } }
              - { time: 2026-02-02T10:00:00Z, type: ticket.opened, accountid: acme, data: { subject: Export slow } }
            expect:
              - { rule: spike/tickets, action: webhook, body: { account: globex } }
            """);

        Assert.Contains("""body is '{"account":"acme","count":2,"detail":{"subject":"Export slow"}}', not '{"account":"globex"}'""", string.Join("\n", result.Report));
    }
}
