namespace Triggers.Core.Tests.Engine;

/// <summary>
/// When an emitted event is handled: after everything its cause (an event or a timer) does at that instant. So what
/// the rules decide does not depend on the order the rules, or the playbooks, are written in; and a rule whose own
/// timer fires it still fires once.
/// </summary>
public sealed class EmitOrderTests
{
    [Fact]
    public void AtMost_RuleThatEmits_FiresOncePerWindow()
    {
        // The emitted event used to be handled while the rule's window was being replaced, so it opened a second
        // window beside the rule's own next one: two tasks (with one effect id) in every window after the first.
        Scenario.Passes("""
            playbook: quiet
            rules:
              - id: no-logins
                when: { count: { event: user.logged_in, at_most: 0, within: 3d } }
                do:
                  - task: { title: "no logins at {{ account.name }}" }
                  - emit: { type: health.red_flag }
            """, """
            test: one task and one emit per quiet window
            events:
              - { time: 2026-01-01T00:00:00Z, type: account.updated, accountid: acme, data: { name: Acme } }
              - { time: 2026-01-01T00:00:00Z, type: user.logged_in, accountid: acme, userid: u1 }
            run_until: 2026-01-11T00:00:00Z
            expect:
              - { time: 2026-01-04T00:00:00Z, rule: quiet/no-logins, action: task, title: no logins at Acme }
              - { time: 2026-01-04T00:00:00Z, rule: quiet/no-logins, action: emit }
              - { time: 2026-01-07T00:00:00Z, rule: quiet/no-logins, action: task }
              - { time: 2026-01-07T00:00:00Z, rule: quiet/no-logins, action: emit }
              - { time: 2026-01-10T00:00:00Z, rule: quiet/no-logins, action: task }
              - { time: 2026-01-10T00:00:00Z, rule: quiet/no-logins, action: emit }
            expect_only: true
            """);
    }

    private static string Emitter(string id) => $$$"""
        playbook: {{{id}}}
        rules:
          - id: mark
            when: { event: usage.snapshot, where: event.data.active >= 5 }
            do: [ { emit: { type: alert.raised, data: { active: "{{ event.data.active }}" } } } ]
        """;

    [Theory]
    [InlineData("aa-emitter", "zz-watcher")]
    [InlineData("zz-emitter", "aa-watcher")]
    public void Unless_EventEmittedBySameCause_ClosesTheWindow_WhicheverPlaybookComesFirst(string emitter, string watcher)
    {
        var watching = $$"""
            playbook: {{watcher}}
            rules:
              - id: watch
                when: { event: usage.snapshot }
                unless: { event: alert.raised, within: 1h }
                do: [ { task: { title: "no alert after the snapshot" } } ]
            """;
        var test = $$"""
            test: the alert the busy snapshot raises closes the window; the quiet snapshot's window closes empty
            events:
              - { time: 2026-01-05T09:00:00Z, type: usage.snapshot, accountid: acme, data: { active: 7 } }
              - { time: 2026-01-06T09:00:00Z, type: usage.snapshot, accountid: acme, data: { active: 1 } }
            run_until: 2026-01-07T00:00:00Z
            expect:
              - { time: 2026-01-05T09:00:00Z, rule: {{emitter}}/mark, action: emit, data: { active: 7 } }
              - { time: 2026-01-06T10:00:00Z, rule: {{watcher}}/watch, action: task }
            expect_only: true
            """;
        Scenario.Passes(Emitter(emitter) + "\n---\n" + watching, test);
        Scenario.Passes(watching + "\n---\n" + Emitter(emitter), test);
    }

    [Theory]
    [InlineData("aa-emitter", "zz-milestones")]
    [InlineData("zz-emitter", "aa-milestones")]
    public void Milestone_SucceededByEventItsCauseEmits_WhicheverPlaybookComesFirst(string emitter, string milestones)
    {
        var playbook = $$"""
            playbook: {{milestones}}
            milestones:
              - id: healthy
                reached_when: { event: usage.snapshot }
                success: { event: alert.raised, within: 1h }
            rules: []
            """;
        Scenario.Passes(Emitter(emitter) + "\n---\n" + playbook, $$"""
            test: reached and succeeded at the same instant, never failed
            events:
              - { time: 2026-01-05T09:00:00Z, type: usage.snapshot, accountid: acme, data: { active: 7 } }
            run_until: 2026-01-07T00:00:00Z
            expect:
              - { time: 2026-01-05T09:00:00Z, kind: milestone, milestone: {{milestones}}/healthy, status: reached }
              - { time: 2026-01-05T09:00:00Z, kind: milestone, milestone: {{milestones}}/healthy, status: succeeded }
            """);
    }

    [Fact]
    public void Unless_RuleOrderInOnePlaybook_ChangesNothing()
    {
        const string Mark = """
              - id: mark
                when: { event: usage.snapshot, where: event.data.active >= 5 }
                do: [ { emit: { type: alert.raised } } ]
            """;
        const string Watch = """
              - id: watch
                when: { event: usage.snapshot }
                unless: { event: alert.raised, within: 1h }
                do: [ { task: { title: "no alert after the snapshot" } } ]
            """;
        const string Test = """
            test: only the quiet snapshot is reported
            events:
              - { time: 2026-01-05T09:00:00Z, type: usage.snapshot, accountid: acme, data: { active: 7 } }
              - { time: 2026-01-06T09:00:00Z, type: usage.snapshot, accountid: acme, data: { active: 1 } }
            run_until: 2026-01-07T00:00:00Z
            expect:
              - { time: 2026-01-05T09:00:00Z, rule: health/mark, action: emit }
              - { time: 2026-01-06T10:00:00Z, rule: health/watch, action: task }
            expect_only: true
            """;
        Scenario.Passes($"playbook: health\nrules:\n{Mark}\n{Watch}", Test);
        Scenario.Passes($"playbook: health\nrules:\n{Watch}\n{Mark}", Test);
    }
}
