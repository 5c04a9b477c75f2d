namespace Triggers.Core.Tests.Engine;

/// <summary>
/// A <c>limit</c> counts fires by when they go out, quiet hours included (see also DeliveryTests): the cases an audit
/// of that rule found, each a way a customer got a nudge too many, too few, or at night.
/// </summary>
public sealed class HeldLimitTests
{
    private const string Digest = """
        playbook: daily
        applies_to: account.plan == "team"
        rules:
          - id: digest
            when: { event: usage.snapshot }
            do:
              - email: { to: "{{ account.admin_email }}", template: daily-digest }
            limit: { max: 1, per: 1d }
            quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
        """;

    [Fact]
    public void ANightlyTrigger_UnderOnePerDay_IsSentEveryMorning()
    {
        // Each fire is held to 08:00 Berlin (07:00Z): the mornings are exactly a day apart, so each goes out. Checked
        // at its trigger time against the morning before, every other one was suppressed.
        Scenario.Passes(Digest, """
            test: a nightly snapshot is sent every morning
            events:
              - { time: 2026-01-01T00:00:00Z, type: account.updated, accountid: acme, data: { plan: team, timezone: Europe/Berlin, admin_email: ann@acme.test } }
              - { time: 2026-01-12T20:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-01-13T20:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-01-14T20:00:00Z, type: usage.snapshot, accountid: acme }
            run_until: 2026-01-16T00:00:00Z
            expect:
              - { time: 2026-01-13T07:00:00Z, rule: daily/digest, action: email }
              - { time: 2026-01-14T07:00:00Z, rule: daily/digest, action: email }
              - { time: 2026-01-15T07:00:00Z, rule: daily/digest, action: email }
            expect_only: true
            """);
    }

    [Fact]
    public void AHeldFireThatNeverGoesOut_DoesNotCount()
    {
        // The account leaves the segment during the night, so the held digest is dropped; back in the segment by
        // 09:00, the next snapshot's digest goes out: nothing was sent within the day before it.
        Scenario.Passes(Digest, """
            test: a dropped held fire leaves the limit free
            events:
              - { time: 2026-01-01T00:00:00Z, type: account.updated, accountid: acme, data: { plan: team, timezone: UTC, admin_email: ann@acme.test } }
              - { time: 2026-01-12T21:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-01-12T23:00:00Z, type: account.updated, accountid: acme, data: { plan: free } }
              - { time: 2026-01-13T08:30:00Z, type: account.updated, accountid: acme, data: { plan: team } }
              - { time: 2026-01-13T09:00:00Z, type: usage.snapshot, accountid: acme }
            run_until: 2026-01-14T00:00:00Z
            expect:
              - { time: 2026-01-13T09:00:00Z, rule: daily/digest, action: email }
            expect_only: true
            """);
    }

    [Fact]
    public void ATimeZoneChangedOvernight_HoldsTheActionUntilTheNewZonesMorning()
    {
        // Held in Berlin until 07:00Z, which is 02:00 in New York, where the account now is: held again until 08:00
        // New York (13:00Z), and a snapshot at 12:00Z then is within the day of that morning.
        Scenario.Passes(Digest, """
            test: moved to New York overnight
            events:
              - { time: 2026-01-01T00:00:00Z, type: account.updated, accountid: acme, data: { plan: team, timezone: Europe/Berlin, admin_email: ann@acme.test } }
              - { time: 2026-01-12T21:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-01-12T23:00:00Z, type: account.updated, accountid: acme, data: { timezone: America/New_York } }
              - { time: 2026-01-13T14:00:00Z, type: usage.snapshot, accountid: acme }
            run_until: 2026-01-14T00:00:00Z
            expect:
              - { time: 2026-01-13T13:00:00Z, rule: daily/digest, action: email }
              - { time: 2026-01-13T14:00:00Z, kind: suppressed, rule: daily/digest, action: email, reason: limit }
            expect_only: true
            """);
    }

    [Fact]
    public void ADaytimeFire_FarFromAnotherUsersHeldOne_GoesOut()
    {
        // Per-user zones under one per hour: Tokyo's evening fire is held to 08:00 Tokyo (23:00Z); Berlin's at 14:00Z
        // is daytime there and nine hours from that morning, so both go out.
        Scenario.Passes("""
            playbook: per-user
            rules:
              - id: nudge
                when: { event: feature.used }
                do:
                  - email: { to: "{{ user.email }}", template: tip }
                limit: { max: 1, per: 1h }
                quiet_hours: { from: "20:00", to: "08:00", timezone: user.timezone }
            """, """
            test: two users in two zones
            events:
              - { time: 2026-01-12T00:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { timezone: Asia/Tokyo, email: u1@acme.test } }
              - { time: 2026-01-12T00:00:00Z, type: user.updated, accountid: acme, userid: u2, data: { timezone: Europe/Berlin, email: u2@acme.test } }
              - { time: 2026-01-12T13:00:00Z, type: feature.used, accountid: acme, userid: u1 }
              - { time: 2026-01-12T14:00:00Z, type: feature.used, accountid: acme, userid: u2 }
            run_until: 2026-01-14T00:00:00Z
            expect:
              - { time: 2026-01-12T14:00:00Z, rule: per-user/nudge, action: email, to: u2@acme.test }
              - { time: 2026-01-12T23:00:00Z, rule: per-user/nudge, action: email, to: u1@acme.test }
            expect_only: true
            """);
    }

    [Fact]
    public void ANightlyTrigger_UnderOnePerDay_IsSentEveryMorning_AcrossBothDaylightSavingChanges()
    {
        // 08:00 Berlin is 07:00Z in winter and 06:00Z in summer: the mornings around each change are 23 and 25 hours
        // apart in UTC and a day apart on the account's clock, where the limit measures them.
        Scenario.Passes(Digest, """
            test: every morning, spring and autumn
            events:
              - { time: 2026-03-20T00:00:00Z, type: account.updated, accountid: acme, data: { plan: team, timezone: Europe/Berlin, admin_email: ann@acme.test } }
              - { time: 2026-03-27T20:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-03-28T20:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-03-29T19:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-10-23T19:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-10-24T19:00:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-10-25T07:30:00Z, type: usage.snapshot, accountid: acme }
              - { time: 2026-10-25T20:00:00Z, type: usage.snapshot, accountid: acme }
            run_until: 2026-10-27T00:00:00Z
            expect:
              - { time: 2026-03-28T07:00:00Z, rule: daily/digest, action: email }
              - { time: 2026-03-29T06:00:00Z, rule: daily/digest, action: email }
              - { time: 2026-03-30T06:00:00Z, rule: daily/digest, action: email }
              - { time: 2026-10-24T06:00:00Z, rule: daily/digest, action: email }
              - { time: 2026-10-25T07:00:00Z, rule: daily/digest, action: email }
              - { time: 2026-10-25T07:30:00Z, kind: suppressed, rule: daily/digest, action: email, reason: limit }
              - { time: 2026-10-26T07:00:00Z, rule: daily/digest, action: email }
            expect_only: true
            """);
    }
}
