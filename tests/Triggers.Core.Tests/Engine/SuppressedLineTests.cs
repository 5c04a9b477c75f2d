using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// A suppressed outcome says what was not sent, in fields a script can read (an email's address and template, a task's
/// title, a webhook's target), and a window the account had no room for names its rule or milestone and what opened it.
/// </summary>
public sealed class SuppressedLineTests
{
    [Fact]
    public void SuppressedActions_CarryTheirRecipientTemplateTitleAndTarget()
    {
        var result = Scenario.Run("""
            playbook: nudge
            rules:
              - id: welcome
                when: { event: user.invited }
                do:
                  - email: { to: "{{ event.data.email }}", template: welcome }
                  - task: { title: "welcome {{ event.data.email }}" }
                  - webhook: { target: slack-cs, body: { who: "{{ event.data.email }}" } }
                limit: { max: 1, per: 1d }
            """, """
            test: one unsubscribed, one over the limit
            events:
              - { time: 2026-01-05T08:00:00Z, type: email.unsubscribed, accountid: acme, data: { email: ann@acme.test } }
              - { time: 2026-01-05T09:00:00Z, type: user.invited, accountid: acme, data: { email: ann@acme.test } }
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, data: { email: bob@acme.test } }
            expect:
              - { time: 2026-01-05T09:00:00Z, kind: suppressed, action: email, to: ann@acme.test, template: welcome, reason: unsubscribed }
              - { time: 2026-01-05T10:00:00Z, kind: suppressed, action: email, to: bob@acme.test, template: welcome, reason: limit }
              - { time: 2026-01-05T10:00:00Z, kind: suppressed, action: task, title: welcome bob@acme.test, reason: limit }
              - { time: 2026-01-05T10:00:00Z, kind: suppressed, action: webhook, target: slack-cs, reason: limit }
            """);

        Assert.True(result.Passed, string.Join("\n", result.Report));
        var buffer = new System.IO.MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            OutcomeJson.Write(writer, result.Outcomes.First(o => o is { Kind: OutcomeKind.Suppressed, Reason: "unsubscribed" }));
        }

        var json = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Contains("\"to\":\"ann@acme.test\",\"template\":\"welcome\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void AWindowWithNoRoom_NamesItsMilestoneOrRule_AndTheEventThatOpenedIt()
    {
        var events = string.Join("\n", Enumerable.Range(0, 130).Select(i =>
            $"  - {{ time: 2026-01-05T09:{i / 60:00}:{i % 60:00}Z, type: user.invited, accountid: big, id: inv-{i}, data: {{ invitee_id: u{i} }} }}"));
        var result = Scenario.Run("""
            playbook: first-login
            milestones:
              - id: logged-in
                reached_when: { event: user.invited }
                success: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 5d }
            rules:
              - id: nudge
                when: { event: user.invited }
                unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
                do:
                  - task: { title: nudge }
            """, $"""
            test: 130 invitations, two windows each, 256 at most
            events:
            {events}
            run_until: 2026-01-05T10:00:00Z
            expect: []
            """);

        var dropped = result.Outcomes.Where(o => o.Reason == "capacity").ToList();
        Assert.Equal(4, dropped.Count);
        Assert.Contains(dropped, o => o is { Milestone: "logged-in", TriggerEventId: "inv-128" } && o.Because!.EndsWith("this milestone window was not opened", StringComparison.Ordinal));
        Assert.Contains(dropped, o => o is { Rule: "nudge", TriggerEventId: "inv-129" } && o.Because!.EndsWith("this unless window was not opened", StringComparison.Ordinal));
    }
}
