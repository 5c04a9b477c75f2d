namespace Triggers.Core.Tests.Engine;

public sealed class ThresholdAndScheduleTests
{
    private const string Licences = """
        playbook: licences
        rules:
          - id: low-utilisation
            when:
              threshold: { value: account.seats_assigned / account.seats_purchased, below: 0.4, for: 14d }
            do:
              - task: { title: "Utilisation {{ account.seats_assigned }}/{{ account.seats_purchased }}" }
        """;

    [Fact]
    public void Threshold_BelowForTheWholeDuration_FiresOnceAtCrossingPlusDuration()
    {
        Scenario.Passes(Licences, """
            test: utilisation drops and stays low for two months
            events:
              - { time: 2026-01-01T10:00:00Z, type: account.updated, accountid: acme, data: { seats_purchased: 10, seats_assigned: 8 } }
              - { time: 2026-01-10T10:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 3 } }
              - { time: 2026-02-01T10:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 2 } }
            run_until: 2026-03-10T00:00:00Z
            expect:
              - { time: 2026-01-24T10:00:00Z, rule: licences/low-utilisation, action: task, title: Utilisation 3/10 }
            expect_only: true
            """);
    }

    [Fact]
    public void Threshold_RecoversBeforeDuration_DoesNotFire()
    {
        Scenario.Passes(Licences, """
            test: seats reassigned after ten days
            events:
              - { time: 2026-01-01T10:00:00Z, type: account.updated, accountid: acme, data: { seats_purchased: 10, seats_assigned: 3 } }
              - { time: 2026-01-11T10:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 6 } }
            run_until: 2026-03-01T00:00:00Z
            expect: []
            expect_only: true
            """);
    }

    [Fact]
    public void Threshold_SecondCrossing_FiresAgain()
    {
        Scenario.Passes(Licences, """
            test: low, recovered, low again
            events:
              - { time: 2026-01-01T10:00:00Z, type: account.updated, accountid: acme, data: { seats_purchased: 10, seats_assigned: 3 } }
              - { time: 2026-02-01T10:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 7 } }
              - { time: 2026-02-10T10:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 1 } }
            run_until: 2026-03-01T00:00:00Z
            expect:
              - { time: 2026-01-15T10:00:00Z, rule: licences/low-utilisation, action: task, title: Utilisation 3/10 }
              - { time: 2026-02-24T10:00:00Z, rule: licences/low-utilisation, action: task, title: Utilisation 1/10 }
            expect_only: true
            """);
    }

    [Fact]
    public void Threshold_ValueGoneMissingForAWhile_IsNoRecovery_SoTheCrossingFiresOnceOnTime()
    {
        // A CRM sync that blanks seats_assigned for a day is no recovery: the crossing of 01-01 still fires on 01-15,
        // and the low value after the gap is the same crossing. Read as a recovery it fired on 01-17 instead, and
        // after a blank following the fire it fired a second time for one crossing.
        Scenario.Passes(Licences, """
            test: a blank trait in the middle of a low stretch
            events:
              - { time: 2026-01-01T10:00:00Z, type: account.updated, accountid: acme, data: { seats_purchased: 10, seats_assigned: 3 } }
              - { time: 2026-01-02T10:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: null } }
              - { time: 2026-01-03T10:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 3 } }
              - { time: 2026-01-20T10:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: "unknown" } }
              - { time: 2026-01-21T10:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 2 } }
            run_until: 2026-03-01T00:00:00Z
            expect:
              - { time: 2026-01-15T10:00:00Z, rule: licences/low-utilisation, action: task, title: Utilisation 3/10 }
            expect_only: true
            """);
    }

    [Fact]
    public void Threshold_AndCount_SeeOnlyWhatHappensWhileTheAccountIsInTheSegment()
    {
        // Documented (README, applies_to): utilisation already low at the upgrade is held from the upgrade (01-05 + 14d),
        // and of the tickets only those after the upgrade count (the third of them fires the spike rule).
        Scenario.Passes("""
            playbook: team
            applies_to: account.plan == "team"
            rules:
              - id: low-utilisation
                when:
                  threshold: { value: account.seats_assigned / account.seats_purchased, below: 0.4, for: 14d }
                do:
                  - task: { title: "low" }
              - id: ticket-spike
                when: { count: { event: ticket.opened, at_least: 3, within: 7d } }
                do:
                  - task: { title: "spike {{ trigger.id }}" }
            """, """
            test: an upgrade in the middle of a low stretch and a burst of tickets
            events:
              - { time: 2026-01-01T10:00:00Z, type: account.updated, accountid: acme, data: { plan: free, seats_purchased: 10, seats_assigned: 2 } }
              - { time: 2026-01-04T10:00:00Z, type: ticket.opened, accountid: acme, id: t1 }
              - { time: 2026-01-04T11:00:00Z, type: ticket.opened, accountid: acme, id: t2 }
              - { time: 2026-01-05T10:00:00Z, type: account.updated, accountid: acme, data: { plan: team } }
              - { time: 2026-01-05T11:00:00Z, type: ticket.opened, accountid: acme, id: t3 }
              - { time: 2026-01-06T11:00:00Z, type: ticket.opened, accountid: acme, id: t4 }
              - { time: 2026-01-07T11:00:00Z, type: ticket.opened, accountid: acme, id: t5 }
            run_until: 2026-02-01T00:00:00Z
            expect:
              - { time: 2026-01-07T11:00:00Z, rule: team/ticket-spike, action: task, title: spike t5 }
              - { time: 2026-01-19T10:00:00Z, rule: team/low-utilisation, action: task, title: low }
            expect_only: true
            """);
    }

    private const string Renewal = """
        playbook: renewal
        rules:
          - id: at-risk
            when:
              schedule: { date: account.renewal_date, offset: -90d }
            where: account.health_score < 60
            do:
              - task: { title: "Renewal {{ account.renewal_date }} at risk", assignee: "{{ account.csm_email }}", priority: urgent }
        """;

    [Fact]
    public void Schedule_FiringAfterAnotherAccountsWindowFired_HasNoTrigger()
    {
        // A replay reuses the windows that fired for the timers that follow, the next account's too: a schedule fires
        // from the clock, and its action sees no trigger, not the invitation that opened another account's window.
        Scenario.Passes("""
            playbook: reuse
            rules:
              - id: invitee-never-logged-in
                when: { event: user.invited }
                unless: { event: user.logged_in, within: 3d }
                do:
                  - task: { title: "{{ trigger.data.invitee_email }} never logged in" }
              - id: renewal
                when:
                  schedule: { date: account.renewal_date, offset: -30d }
                do:
                  - task: { title: "renewal [{{ trigger.data.invitee_email }}]" }
            """, """
            test: account a's window fires, then account b's schedule
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: a, userid: u1, data: { invitee_id: u2, invitee_email: bob@a.test } }
              - { time: 2026-01-05T11:00:00Z, type: account.updated, accountid: b, data: { renewal_date: 2026-03-01T00:00:00Z } }
            run_until: 2026-03-01T00:00:00Z
            expect:
              - { time: 2026-01-08T10:00:00Z, rule: reuse/invitee-never-logged-in, action: task, title: bob@a.test never logged in }
              - { time: 2026-01-30T00:00:00Z, rule: reuse/renewal, action: task, title: "renewal []" }
            expect_only: true
            """);
    }

    [Fact]
    public void Schedule_NinetyDaysBeforeRenewal_FiresWhenHealthIsLow()
    {
        Scenario.Passes(Renewal, """
            test: unhealthy account 90 days before renewal
            events:
              - { time: 2026-01-10T09:00:00Z, type: account.updated, accountid: acme,
                  data: { renewal_date: "2026-09-01", health_score: 50, csm_email: cs@vendor.test } }
            run_until: 2026-07-01T00:00:00Z
            expect:
              - { time: 2026-06-03T00:00:00Z, rule: renewal/at-risk, action: task, assignee: cs@vendor.test, priority: urgent }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("09/01/2026")] // 1 September in the United States, 9 January in Europe: no date at all, rather than a guess
    [InlineData("1 September 2026")]
    [InlineData("2026/09/01")]
    public void Schedule_DateNotInIsoForm_DoesNotFire(string renewal)
    {
        var result = Scenario.Run(Renewal, $$"""
            test: a renewal date written the way a CRM's locale writes it
            events:
              - { time: 2026-01-10T09:00:00Z, type: account.updated, accountid: acme, data: { renewal_date: "{{renewal}}", health_score: 50 } }
            run_until: 2027-01-01T00:00:00Z
            expect: []
            expect_only: true
            """);

        Assert.True(result.Passed, "\n" + string.Join("\n", result.Report));
    }

    [Fact]
    public void Schedule_RenewalDateMoves_IsRearmedForTheNewDate()
    {
        Scenario.Passes(Renewal, """
            test: the renewal is pushed back by three months
            events:
              - { time: 2026-01-10T09:00:00Z, type: account.updated, accountid: acme, data: { renewal_date: "2026-09-01", health_score: 50 } }
              - { time: 2026-05-01T09:00:00Z, type: account.updated, accountid: acme, data: { renewal_date: "2026-12-01" } }
            run_until: 2026-10-01T00:00:00Z
            expect:
              - { time: 2026-09-02T00:00:00Z, rule: renewal/at-risk, action: task, title: Renewal 2026-12-01 at risk }
            expect_only: true
            """);
    }

    [Fact]
    public void Schedule_HealthyAccount_DoesNotFire()
    {
        Scenario.Passes(Renewal, """
            test: healthy account
            events:
              - { time: 2026-01-10T09:00:00Z, type: account.updated, accountid: acme, data: { renewal_date: "2026-09-01", health_score: 80 } }
            run_until: 2026-10-01T00:00:00Z
            expect: []
            expect_only: true
            """);
    }
}
