namespace Triggers.Core.Tests.Engine;

/// <summary>One playbook that uses every trigger kind, limits, quiet hours, emit and milestones: the property tests' subject.</summary>
internal static class AllKinds
{
    public const string Playbook = """
        playbook: all-kinds
        applies_to: account.plan != "free"
        milestones:
          - id: activated
            reached_when: { event: user.invited }
            success: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
        rules:
          - id: invite-absence
            when: { event: user.invited }
            unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 2d }
            do:
              - email: { to: "{{ trigger.data.invitee_email }}", template: reminder }
            quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
          - id: spike
            when:
              count: { event: ticket.opened, at_least: 3, within: 3d }
            do:
              - emit: { type: health.red_flag, data: { reason: spike } }
          - id: red-flag
            when: { event: health.red_flag }
            do:
              - webhook: { target: slack-cs, body: { account: "{{ account.name }}", reason: "{{ trigger.data.reason }}" } }
          - id: quiet
            when:
              count: { event: user.logged_in, at_most: 0, within: 5d }
            do:
              - task: { title: quiet }
              - emit: { type: account.quiet }
          - id: low-seats
            when:
              threshold: { value: account.seats_assigned / account.seats_purchased, below: 0.4, for: 3d }
            do:
              - task: { title: "low seats {{ account.seats_assigned }}" }
          - id: renewal
            when:
              schedule: { date: account.renewal_date, offset: -20d }
            where: account.health_score < 60
            do:
              - task: { title: renewal }
          - id: failed
            when: { milestone: activated, is: failed }
            do:
              - task: { title: "not activated {{ trigger.data.invitee_id }}" }
          - id: adopted
            when: { stage: adoption, is: entered }
            do:
              - email: { to: "{{ account.admin_email }}", template: adoption }
          - id: stuck
            when: { stage: onboarding, stuck_for: 10d }
            do:
              - task: { title: stuck }
          - id: escalation
            when: { event: ticket.escalated }
            unless: { event: ticket.responded, where: event.data.ticket_id == trigger.data.ticket_id, within: 1d }
            do:
              - task: { title: "unanswered {{ trigger.data.ticket_id }}", priority: urgent }
            limit: { max: 2, per: 7d }
          - id: promoter
            when: { event: nps.answered, where: event.data.score >= 9 }
            do:
              - email: { to: "{{ user.email }}", template: review }
            limit: { max: 1, per: 30d }
        """;
}
