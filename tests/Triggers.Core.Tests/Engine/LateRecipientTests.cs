namespace Triggers.Core.Tests.Engine;

/// <summary>
/// Unsubscribes and bounces are never lost without a word. One that arrives later than the allowed lateness is a <c>late</c> outcome, which the rules never
/// see, but its address gets no email from the moment it arrived: dropped, a webhook a minute late would have let
/// every account email someone who had unsubscribed.
/// </summary>
public sealed class LateRecipientTests
{
    private const string Playbook = """
        playbook: notes
        rules:
          - id: note
            when: { event: feature.used }
            do:
              - email: { to: "{{ event.data.to }}", template: note }
        """;

    [Theory]
    [InlineData("email.unsubscribed", "unsubscribed")]
    [InlineData("email.bounced", "bounced")]
    public void LateUnsubscribeOrBounce_StopsEmailFromItsArrival_InEveryAccount(string type, string reason)
    {
        Scenario.Passes(Playbook, $$"""
            test: a minute late, and still no more email to pat
            events:
              - { id: a1, time: 2026-04-01T10:00:00Z, type: user.logged_in, accountid: acme, userid: u1 }
              - { id: a2, time: 2026-04-01T09:59:00Z, type: {{type}}, accountid: acme, data: { email: pat@acme.test } }
              - { id: a3, time: 2026-04-06T10:00:00Z, type: feature.used, accountid: acme, data: { to: pat@acme.test } }
              - { id: g1, time: 2026-04-06T10:00:00Z, type: feature.used, accountid: globex, data: { to: Pat@Acme.test } }
              - { id: g2, time: 2026-04-06T10:00:00Z, type: feature.used, accountid: globex, data: { to: sam@globex.test } }
            run_until: 2026-04-07T00:00:00Z
            expect:
              - { kind: late, time: 2026-04-01T09:59:00Z, trigger_event: a2, accountid: acme }
              - { kind: suppressed, time: 2026-04-06T10:00:00Z, rule: notes/note, action: email, accountid: acme, reason: {{reason}} }
              - { kind: suppressed, time: 2026-04-06T10:00:00Z, rule: notes/note, action: email, accountid: globex, reason: {{reason}} }
              - { time: 2026-04-06T10:00:00Z, rule: notes/note, action: email, accountid: globex, to: sam@globex.test }
            expect_only: true
            """);
    }

    [Fact]
    public void LateUnsubscribe_DoesNotReachBackBeforeItArrived()
    {
        // Its account had reached 10:00 when it came in: an email sent at 09:59:30 (listed before it) had gone already.
        Scenario.Passes(Playbook, """
            test: what was sent before it arrived stays sent
            events:
              - { id: g1, time: 2026-04-01T09:59:30Z, type: feature.used, accountid: globex, data: { to: pat@acme.test } }
              - { id: a1, time: 2026-04-01T10:00:00Z, type: user.logged_in, accountid: acme, userid: u1 }
              - { id: a2, time: 2026-04-01T09:59:00Z, type: email.unsubscribed, accountid: acme, data: { email: pat@acme.test } }
            run_until: 2026-04-02T00:00:00Z
            expect:
              - { time: 2026-04-01T09:59:30Z, rule: notes/note, action: email, accountid: globex, to: pat@acme.test }
              - { kind: late, time: 2026-04-01T09:59:00Z, trigger_event: a2 }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("{ mail: pat@acme.test }")]
    [InlineData("pat@acme.test")]
    [InlineData("{ email: 42 }")]
    public void UnsubscribeWithoutItsAddressAsText_IsRejectedWithTheReason_NotIgnoredInSilence(string data)
    {
        Scenario.Passes(Playbook, $$"""
            test: the unsubscribe names no address, so the line is rejected and the email goes out
            events:
              - { id: a1, time: 2026-04-01T09:00:00Z, type: email.unsubscribed, accountid: acme, data: {{data}} }
              - { id: a2, time: 2026-04-02T09:00:00Z, type: feature.used, accountid: acme, data: { to: pat@acme.test } }
            expect:
              - { kind: rejected, time: 2026-04-01T09:00:00Z, accountid: acme, reason: "email.unsubscribed needs the address in data.email, as text (data: { \"email\": \"pat@acme.test\" }); without it nothing would be suppressed" }
              - { time: 2026-04-02T09:00:00Z, rule: notes/note, action: email, to: pat@acme.test }
            expect_only: true
            """);
    }
}
