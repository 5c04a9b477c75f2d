namespace Triggers.Core.Tests.Engine;

/// <summary>
/// A fire held by quiet hours is decided again at its morning: it goes out only if it would still fire then. Each
/// case is one an audit found sent anyway: a reminder to someone who had logged in, an "at risk" task for an account
/// that had just renewed, a "stuck" task for an account that had moved on, a "low seats" email quoting plenty.
/// </summary>
public sealed class HeldFireTests
{
    private const string Account = "{ time: 2026-01-05T08:00:00Z, type: account.updated, accountid: acme, data: { plan: team, timezone: Europe/Berlin, " +
                                   "csm_email: cs@vendor.test, admin_email: ann@acme.test, health_score: 40, renewal_date: 2026-06-01, seats_assigned: 3 } }";

    /// <summary>An invitation reminder, email and task, one per 14 days, held by quiet hours (shared with <see cref="HeldReleaseTests"/>).</summary>
    internal const string Reminder = """
        playbook: invite
        rules:
          - id: never-logged-in
            when: { event: user.invited }
            unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
            do:
              - email: { to: "{{ trigger.data.invitee_email }}", template: invite-reminder }
              - task: { title: "{{ trigger.data.invitee_email }} never logged in", assignee: "{{ account.csm_email }}" }
            limit: { max: 1, per: 14d }
            quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
        """;

    [Fact]
    public void AnUnlessEventWhileHeld_CancelsTheHeldFire_AndFreesTheLimit()
    {
        // The window closes at 19:30Z (20:30 Berlin), so the reminder waits for 08:00; the invitee logs in at 23:00
        // Berlin. The next invitee's reminder then goes out: the cancelled one never counted.
        Scenario.Passes(Reminder, $$"""
            test: a login during the night cancels the held reminder
            events:
              - {{Account}}
              - { time: 2026-01-05T19:30:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: jo@acme.test } }
              - { time: 2026-01-06T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u3, invitee_email: al@acme.test } }
              - { time: 2026-01-08T22:00:00Z, type: user.logged_in, accountid: acme, userid: u2 }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-09T10:00:00Z, rule: invite/never-logged-in, action: email, to: al@acme.test }
              - { time: 2026-01-09T10:00:00Z, rule: invite/never-logged-in, action: task }
            expect_only: true
            """);
    }

    [Fact]
    public void AnotherUsersLoginWhileHeld_LeavesTheHeldFireAlone() =>
        Scenario.Passes(Reminder, $$"""
            test: someone else's login does not cancel it
            events:
              - {{Account}}
              - { time: 2026-01-05T19:30:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: jo@acme.test } }
              - { time: 2026-01-08T22:00:00Z, type: user.logged_in, accountid: acme, userid: u9 }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-09T07:00:00Z, rule: invite/never-logged-in, action: email, to: jo@acme.test }
              - { time: 2026-01-09T07:00:00Z, rule: invite/never-logged-in, action: task }
            expect_only: true
            """);

    [Fact]
    public void AWhereFalseByTheMorning_DropsTheHeldFire()
    {
        // Seats went from 3 to 9 at 23:00 Berlin: the email would have quoted 9 under a "below 5" condition.
        Scenario.Passes("""
            playbook: seats
            rules:
              - id: low-seats
                when: { event: usage.snapshot }
                where: account.seats_assigned < 5
                do:
                  - email: { to: "{{ account.admin_email }}", template: low-seats, data: { seats: "{{ account.seats_assigned }}" } }
                quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
            """, $$"""
            test: seats assigned overnight
            events:
              - {{Account}}
              - { time: 2026-01-05T21:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-01-05T22:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 9 } }
              - { time: 2026-01-06T21:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-01-07T12:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 2 } }
              - { time: 2026-01-07T21:00:00Z, type: usage.snapshot, accountid: acme }
            run_until: 2026-01-10T00:00:00Z
            expect:
              - { time: 2026-01-08T07:00:00Z, rule: seats/low-seats, action: email, data: { seats: 2 } }
            expect_only: true
            """);
    }

    [Fact]
    public void AThresholdCrossingEndedOvernight_DropsTheHeldFire() =>
        Scenario.Passes("""
            playbook: seats
            rules:
              - id: low-seats
                when: { threshold: { value: account.seats_assigned, below: 5, for: 1d } }
                do:
                  - email: { to: "{{ account.admin_email }}", template: low-seats }
                quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
            """, """
            test: seats back up before the morning
            events:
              - { time: 2026-01-05T08:00:00Z, type: account.updated, accountid: acme, data: { timezone: UTC, admin_email: ann@acme.test, seats_assigned: 8 } }
              - { time: 2026-01-05T22:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 3 } }
              - { time: 2026-01-06T22:30:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 8 } }
              - { time: 2026-01-07T22:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 2 } }
            run_until: 2026-01-10T00:00:00Z
            expect:
              - { time: 2026-01-09T08:00:00Z, rule: seats/low-seats, action: email }
            expect_only: true
            """);

    [Fact]
    public void AScheduleDateMovedOvernight_DropsTheOldHeldFire() =>
        Scenario.Passes("""
            playbook: renewal
            rules:
              - id: at-risk
                when: { schedule: { date: account.renewal_date, offset: -60d } }
                do:
                  - task: { title: "renewal {{ account.renewal_date }} at risk", assignee: "{{ account.csm_email }}" }
                quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
            """, $$"""
            test: renewed during the night
            events:
              - {{Account}}
              - { time: 2026-04-02T03:00:00Z, type: account.updated, accountid: acme, data: { renewal_date: 2027-06-01 } }
            run_until: 2026-05-01T00:00:00Z
            expect: []
            expect_only: true
            """);

    [Fact]
    public void AStageLeftOvernight_DropsTheHeldStuckFire() =>
        Scenario.Passes("""
            playbook: stuck
            rules:
              - id: stuck-onboarding
                when: { stage: onboarding, stuck_for: 10d }
                do:
                  - task: { title: stuck in onboarding, assignee: "{{ account.csm_email }}" }
                quiet_hours: { from: "18:00", to: "09:00", timezone: account.timezone }
            """, """
            test: adopted in the evening the stuck task fell due
            events:
              - { time: 2026-02-01T08:00:00Z, type: account.updated, accountid: acme, data: { timezone: UTC, csm_email: cs@vendor.test } }
              - { time: 2026-02-02T20:00:00Z, type: subscription.started, accountid: acme }
              - { time: 2026-02-12T21:00:00Z, type: feature.used, accountid: acme, data: { key: true } }
            run_until: 2026-02-20T00:00:00Z
            expect:
              - { time: 2026-02-02T20:00:00Z, kind: stage, stage: onboarding }
              - { time: 2026-02-12T21:00:00Z, kind: stage, stage: adoption }
            expect_only: true
            """);

    [Fact]
    public void AFireWhoseEveryActionIsSuppressed_DoesNotUseUpTheLimit()
    {
        // Ann unsubscribed, the second invitee has no address: neither reminder is sent, so Bob's still may be. A held
        // fire is the same: jo's reminder, held to 08:00, goes to an address that bounced overnight.
        Scenario.Passes("""
            playbook: nudge
            rules:
              - id: invitee-nudge
                when: { event: user.invited }
                unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
                do:
                  - email: { to: "{{ trigger.data.invitee_email }}", template: nudge }
                limit: { max: 1, per: 14d }
                quiet_hours: { from: "20:00", to: "08:00", timezone: UTC }
            """, """
            test: nudges that could not be sent leave the limit free
            events:
              - { time: 2026-01-01T10:00:00Z, type: email.unsubscribed, accountid: acme, data: { email: ann@acme.test } }
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, data: { invitee_id: u1, invitee_email: ann@acme.test } }
              - { time: 2026-01-06T10:00:00Z, type: user.invited, accountid: acme, data: { invitee_id: u2, invitee_email: "" } }
              - { time: 2026-01-06T22:00:00Z, type: user.invited, accountid: acme, data: { invitee_id: u3, invitee_email: jo@acme.test } }
              - { time: 2026-01-07T10:00:00Z, type: user.invited, accountid: acme, data: { invitee_id: u4, invitee_email: bob@acme.test } }
              - { time: 2026-01-10T03:00:00Z, type: email.bounced, accountid: acme, data: { email: jo@acme.test } }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-08T10:00:00Z, kind: suppressed, rule: nudge/invitee-nudge, reason: unsubscribed }
              - { time: 2026-01-09T10:00:00Z, kind: suppressed, rule: nudge/invitee-nudge, reason: invalid-recipient }
              - { time: 2026-01-10T08:00:00Z, kind: suppressed, rule: nudge/invitee-nudge, reason: bounced }
              - { time: 2026-01-10T10:00:00Z, rule: nudge/invitee-nudge, action: email, to: bob@acme.test }
            expect_only: true
            """);
    }

    [Fact]
    public void AnAtMostCountPassedOvernight_DropsTheHeldFire()
    {
        // "No login for 2 days" falls due at 21:00 and waits for 08:00; a login at 23:00 means it no longer holds.
        // The next window still runs from the fire as before: two quiet days later it fires again, in the morning.
        Scenario.Passes("""
            playbook: quiet
            rules:
              - id: no-logins
                when: { count: { event: user.logged_in, at_most: 0, within: 2d } }
                do:
                  - task: { title: nobody logs in }
                quiet_hours: { from: "20:00", to: "08:00", timezone: UTC }
            """, """
            test: a login during the night
            events:
              - { time: 2026-01-05T21:00:00Z, type: user.logged_in, accountid: acme }
              - { time: 2026-01-07T23:00:00Z, type: user.logged_in, accountid: acme }
            run_until: 2026-01-10T12:00:00Z
            expect:
              - { time: 2026-01-10T08:00:00Z, rule: quiet/no-logins, action: task }
            expect_only: true
            """);
    }
}
