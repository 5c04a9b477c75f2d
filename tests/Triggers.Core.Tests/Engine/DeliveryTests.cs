using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

/// <summary>What stands between a fired rule and the customer: limits, unsubscribes, bounces and quiet hours.</summary>
public sealed class DeliveryTests
{
    private const string Advocacy = """
        playbook: advocacy
        rules:
          - id: ask-for-review
            when: { event: nps.answered, where: event.data.score >= 9 }
            do:
              - email: { to: "{{ user.email }}", template: review-request }
            limit: { max: 1, per: 180d }
        """;

    [Fact]
    public void Limit_SecondPromoterAnswerWithinPeriod_IsSuppressedAndReported()
    {
        Scenario.Passes(Advocacy, """
            test: one review request per half year
            events:
              - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { email: ann@acme.test } }
              - { time: 2026-01-10T10:00:00Z, type: nps.answered, accountid: acme, userid: u1, data: { score: 10 } }
              - { time: 2026-02-10T10:00:00Z, type: nps.answered, accountid: acme, userid: u1, data: { score: 9 } }
              - { time: 2026-07-10T10:00:00Z, type: nps.answered, accountid: acme, userid: u1, data: { score: 9 } }
            expect:
              - { time: 2026-01-10T10:00:00Z, rule: advocacy/ask-for-review, action: email, to: ann@acme.test }
              - { time: 2026-02-10T10:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, action: email, reason: limit }
              - { time: 2026-07-10T10:00:00Z, rule: advocacy/ask-for-review, action: email }
            expect_only: true
            """);
    }

    [Fact]
    public void Unsubscribed_Recipient_GetsNoEmailAndTheSuppressionIsReported()
    {
        Scenario.Passes(Advocacy, """
            test: no review request after an unsubscribe
            events:
              - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { email: ann@acme.test } }
              - { time: 2026-01-05T09:00:00Z, type: email.unsubscribed, accountid: acme, data: { email: ANN@acme.test } }
              - { time: 2026-01-10T10:00:00Z, type: nps.answered, accountid: acme, userid: u1, data: { score: 10 } }
            expect:
              - { time: 2026-01-10T10:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, action: email, reason: unsubscribed }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("42")]
    [InlineData("{ a: 1 }")]
    [InlineData("ann at acme.test")]
    [InlineData("\"ann@acme.test, bob@acme.test\"")]
    public void Email_ToRendersAsNoAddress_IsSuppressedAsAnInvalidRecipient(string email)
    {
        // An email to "" or "42" went out as an ordinary action, to fail only at the mail service.
        Scenario.Passes(Advocacy, $$"""
            test: the recipient is no address
            events:
              - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { email: {{email}} } }
              - { time: 2026-01-10T10:00:00Z, type: nps.answered, accountid: acme, userid: u1, data: { score: 10 } }
            expect:
              - { time: 2026-01-10T10:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, action: email, reason: invalid-recipient }
            expect_only: true
            """);
    }

    [Fact]
    public void Email_AddressWithSpacesAround_IsSent()
    {
        Scenario.Passes(Advocacy, """
            test: spaces around an address are not a reason to drop it
            events:
              - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { email: " ann@acme.test " } }
              - { time: 2026-01-10T10:00:00Z, type: nps.answered, accountid: acme, userid: u1, data: { score: 10 } }
            expect:
              - { time: 2026-01-10T10:00:00Z, rule: advocacy/ask-for-review, action: email }
            expect_only: true
            """);
    }

    [Fact]
    public void Bounced_Recipient_IsSuppressedAsBounced()
    {
        Scenario.Passes(Advocacy, """
            test: a hard bounce stops email
            events:
              - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { email: ann@acme.test } }
              - { time: 2026-01-05T09:00:00Z, type: email.bounced, accountid: acme, data: { email: ann@acme.test } }
              - { time: 2026-01-10T10:00:00Z, type: nps.answered, accountid: acme, userid: u1, data: { score: 10 } }
            expect:
              - { kind: suppressed, rule: advocacy/ask-for-review, reason: bounced }
            expect_only: true
            """);
    }

    [Fact]
    public void Unsubscribe_WrittenWithSpacesAndCapitals_StillStopsEmailToThatAddress()
    {
        Scenario.Passes(Advocacy, """
            test: an address as SendGrid or a CRM happened to write it
            events:
              - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { email: ann@acme.test } }
              - { time: 2026-01-05T09:00:00Z, type: email.unsubscribed, accountid: acme, data: { email: "  Ann@ACME.test " } }
              - { time: 2026-01-10T10:00:00Z, type: nps.answered, accountid: acme, userid: u1, data: { score: 10 } }
            expect:
              - { kind: suppressed, rule: advocacy/ask-for-review, reason: unsubscribed }
            expect_only: true
            """);
    }

    [Fact]
    public void Unsubscribes_BeyondTheAccountsBound_KeepTheMostRecentInItsState_AndANonTextAddressIsRejected()
    {
        // The engine alone, as the cloud runs it on one account's stored state: MaxSuppressed others unsubscribe after
        // Ann, she is the one the state forgets, the newest is not.
        var program = new CompiledPlaybooks(Triggers.Core.Loading.PlaybookLoader.Load(
            [new("advocacy.yaml", Advocacy.Replace("limit: { max: 1, per: 180d }", "", StringComparison.Ordinal))]).Set);
        var outcomes = new List<Outcome>();
        var engine = new JourneyEngine(program, outcomes.Add);
        var state = new AccountState("acme");
        var n = 0;
        void Send(string time, string type, string data, string? user = null)
        {
            var json = $$"""{"specversion":"1.0","id":"e{{n++}}","source":"s","type":"{{type}}","time":"{{time}}","accountid":"acme"{{(user is null ? "" : $",\"userid\":\"{user}\"")}},"data":{{data}}}""";
            Assert.True(EventParser.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out var e, out var error), error);
            engine.ProcessEvent(state, e!);
        }

        Send("2026-01-01T09:00:00Z", "user.updated", """{"email":"ann@acme.test"}""", "u1");
        Send("2026-01-01T09:00:00Z", "user.updated", $$"""{"email":"other{{AccountState.MaxSuppressed - 1}}@acme.test"}""", "u2");
        Send("2026-01-05T09:00:00Z", "email.unsubscribed", """{"email":"ann@acme.test"}""");
        for (var i = 0; i < AccountState.MaxSuppressed; i++)
        {
            Send($"2026-01-06T09:{i / 60 % 60:D2}:{i % 60:D2}Z", "email.unsubscribed", $$"""{"email":"other{{i}}@acme.test"}""");
        }

        // An email given as a number is no address: the line is rejected, with the reason, before the engine sees it.
        var numeric = """{"specversion":"1.0","id":"n1","source":"s","type":"email.unsubscribed","time":"2026-01-07T09:00:00Z","accountid":"acme","data":{"email":42}}""";
        Assert.False(EventParser.TryParse(System.Text.Encoding.UTF8.GetBytes(numeric), out _, out var refused));
        Assert.StartsWith("email.unsubscribed needs the address in data.email, as text", refused, StringComparison.Ordinal);
        Send("2026-01-10T10:00:00Z", "nps.answered", """{"score":10}""", "u1");
        Send("2026-01-10T11:00:00Z", "nps.answered", """{"score":10}""", "u2");

        Assert.Equal(AccountState.MaxSuppressed, state.Suppressed.Count);
        Assert.Equal([(OutcomeKind.Action, "ann@acme.test"), (OutcomeKind.Suppressed, $"other{AccountState.MaxSuppressed - 1}@acme.test")], outcomes.Select(o => (o.Kind, o.To)));
    }

    [Fact]
    public void Unsubscribes_BeyondTheAccountsBound_AreAllKeptByAReplay()
    {
        // A replay also knows every unsubscribe it read (any account's, by time), so nobody is forgotten there.
        var others = string.Concat(Enumerable.Range(0, AccountState.MaxSuppressed).Select(i =>
            $"\n  - {{ time: 2026-01-06T09:{i / 60 % 60:D2}:{i % 60:D2}Z, type: email.unsubscribed, accountid: acme, data: {{ email: other{i}@acme.test }} }}"));
        Scenario.Passes(Advocacy.Replace("limit: { max: 1, per: 180d }", "", StringComparison.Ordinal), $$"""
            test: every unsubscribe is kept
            events:
              - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { email: ann@acme.test } }
              - { time: 2026-01-05T09:00:00Z, type: email.unsubscribed, accountid: acme, data: { email: ann@acme.test } }{{others}}
              - { time: 2026-01-10T10:00:00Z, type: nps.answered, accountid: acme, userid: u1, data: { score: 10 } }
            expect:
              - { time: 2026-01-10T10:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, reason: unsubscribed }
            expect_only: true
            """);
    }

    [Fact]
    public void Unsubscribed_InAnotherAccount_GetsNoEmailFromThisOne()
    {
        // An address belongs to a person, who may sit in several accounts (a consultant, a reseller's admin).
        Scenario.Passes(Advocacy.Replace("limit: { max: 1, per: 180d }", "", StringComparison.Ordinal), """
            test: an unsubscribe reaches every account, from its time on
            events:
              - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: globex, userid: u9, data: { email: ann@acme.test } }
              - { time: 2026-01-02T10:00:00Z, type: nps.answered, accountid: globex, userid: u9, data: { score: 10 } }
              - { time: 2026-01-05T09:00:00Z, type: email.bounced, accountid: acme, data: { email: Ann@Acme.test } }
              - { time: 2026-01-10T10:00:00Z, type: nps.answered, accountid: globex, userid: u9, data: { score: 10 } }
            expect:
              - { time: 2026-01-02T10:00:00Z, rule: advocacy/ask-for-review, action: email, to: ann@acme.test }
              - { time: 2026-01-10T10:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, reason: bounced }
            expect_only: true
            """);
    }

    private const string Feedback = """
        playbook: feedback
        rules:
          - id: ask-csat
            when: { event: ticket.resolved }
            unless: { event: csat.answered, where: event.data.ticket_id == trigger.data.ticket_id, within: 1d }
            do:
              - email: { to: "{{ account.admin_email }}", template: csat-request }
            quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
        """;

    [Theory]
    [InlineData("Europe/Berlin", "2026-01-14T10:00:00Z", "2026-01-15T10:00:00Z")] // 11:00 CET: not quiet
    [InlineData("Europe/Berlin", "2026-01-14T21:30:00Z", "2026-01-16T07:00:00Z")] // 22:30 CET: to 08:00 CET
    [InlineData("Europe/Berlin", "2026-03-27T20:30:00Z", "2026-03-29T06:00:00Z")] // spring forward in the night: 08:00 CEST
    [InlineData("Europe/Berlin", "2026-10-23T19:30:00Z", "2026-10-25T07:00:00Z")] // fall back in the night: 08:00 CET
    [InlineData("America/New_York", "2026-01-14T03:00:00Z", "2026-01-15T13:00:00Z")] // 22:00 EST: to 08:00 EST
    [InlineData("Not/AZone", "2026-01-14T21:30:00Z", "2026-01-16T08:00:00Z")] // unknown zone: UTC
    public void QuietHours_ActionDueAtNight_IsDelayedToTheLocalMorning(string zone, string resolved, string expected)
    {
        Scenario.Passes(Feedback, $$"""
            test: quiet hours in {{zone}}
            events:
              - { time: 2026-01-01T00:00:00Z, type: account.updated, accountid: acme, data: { timezone: {{zone}}, admin_email: admin@acme.test } }
              - { time: {{resolved}}, type: ticket.resolved, accountid: acme, data: { ticket_id: t1 } }
            run_until: 2026-12-01T00:00:00Z
            expect:
              - { time: {{expected}}, rule: feedback/ask-csat, action: email, to: admin@acme.test }
            expect_only: true
            """);
    }

    private const string HeldNudge = """
        playbook: nudge
        rules:
          - id: usage-dropped
            when: { event: usage.dropped }
            do:
              - email: { to: "{{ account.admin_email }}", template: usage-reminder }
            limit: { max: 1, per: PERIOD }
            quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
        """;

    [Fact]
    public void Limit_CountsAFireHeldByQuietHoursFromWhenItGoesOut_NotTwoEmailsAnHourApart()
    {
        // Held from 21:00 to 08:00, the first email goes out 65 minutes before the second trigger: within 12 hours.
        // Counted from 21:00 (12h05m before), both went out.
        Scenario.Passes(HeldNudge.Replace("PERIOD", "12h", StringComparison.Ordinal), """
            test: a nudge held overnight counts from the morning
            events:
              - { time: 2026-01-01T00:00:00Z, type: account.updated, accountid: acme, data: { timezone: UTC, admin_email: admin@acme.test } }
              - { time: 2026-01-14T21:00:00Z, type: usage.dropped, accountid: acme }
              - { time: 2026-01-15T09:05:00Z, type: usage.dropped, accountid: acme }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-15T08:00:00Z, rule: nudge/usage-dropped, action: email, to: admin@acme.test }
              - { time: 2026-01-15T09:05:00Z, kind: suppressed, rule: nudge/usage-dropped, action: email, reason: limit }
            expect_only: true
            """);
    }

    [Fact]
    public void Limit_TwoFiresHeldInOneNight_GoOutAsOne()
    {
        // One per hour: 21:00 and 22:30 are apart by more, but both would have gone out at 08:00 together. The second
        // waits for the first to be decided at 08:00 (it could yet be dropped), and is suppressed then.
        var result = Scenario.Run(HeldNudge.Replace("PERIOD", "1h", StringComparison.Ordinal), """
            test: two held in one night
            events:
              - { time: 2026-01-01T00:00:00Z, type: account.updated, accountid: acme, data: { timezone: UTC, admin_email: admin@acme.test } }
              - { time: 2026-01-14T21:00:00Z, type: usage.dropped, accountid: acme }
              - { time: 2026-01-14T22:30:00Z, type: usage.dropped, accountid: acme }
              - { time: 2026-01-15T10:00:00Z, type: usage.dropped, accountid: acme }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-15T08:00:00Z, kind: suppressed, rule: nudge/usage-dropped, action: email, reason: limit }
              - { time: 2026-01-15T08:00:00Z, rule: nudge/usage-dropped, action: email, to: admin@acme.test }
              - { time: 2026-01-15T10:00:00Z, rule: nudge/usage-dropped, action: email, to: admin@acme.test }
            expect_only: true
            """);

        Assert.True(result.Passed, "\n" + string.Join("\n", result.Report));
        var suppressed = Assert.Single(result.Outcomes, o => o.Kind == OutcomeKind.Suppressed);
        Assert.Equal("limit of 1 per 1h reached (last fired 2026-01-15T08:00:00Z)", suppressed.Because);
    }

    [Theory]
    [InlineData("America/New_York", "2026-10-31T04:00:00Z", "2026-11-01T05:30:00Z")] // 00:00 EDT: to the first 01:30
    [InlineData("America/New_York", "2026-10-31T05:45:00Z", "2026-11-01T05:45:00Z")] // 01:45 EDT: not quiet
    [InlineData("America/New_York", "2026-10-31T06:10:00Z", "2026-11-01T06:30:00Z")] // 01:10 EST, the hour again: to 01:30 EST
    [InlineData("Europe/Berlin", "2026-10-23T21:00:00Z", "2026-10-25T00:30:00Z")] // 23:00 CEST: to the first 02:30
    public void QuietHours_EndingInTheHourAFallBackRepeats_EndTheFirstTimeTheEndComes(string zone, string resolved, string expected)
    {
        // The local end time happens twice that night: the action goes when the clock first shows it, the moment from
        // which the engine no longer counts the time as quiet (it was held for the second one, an hour late).
        var playbook = Feedback.Replace("from: \"20:00\", to: \"08:00\"", $"from: \"{(zone == "Europe/Berlin" ? "22:00" : "23:00")}\", to: \"{(zone == "Europe/Berlin" ? "02:30" : "01:30")}\"", StringComparison.Ordinal);
        Scenario.Passes(playbook, $$"""
            test: quiet hours ending in the repeated hour in {{zone}}
            events:
              - { time: 2026-10-01T00:00:00Z, type: account.updated, accountid: acme, data: { timezone: {{zone}}, admin_email: admin@acme.test } }
              - { time: {{resolved}}, type: ticket.resolved, accountid: acme, data: { ticket_id: t1 } }
            run_until: 2026-11-03T00:00:00Z
            expect:
              - { time: {{expected}}, rule: feedback/ask-csat, action: email, to: admin@acme.test }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("coalesce(user.timezone, account.timezone)", "2026-01-05T16:00:00Z")] // u1's own zone: Los Angeles
    [InlineData("account[\"time-zone\"]", "2026-01-05T07:00:00Z")] // the account's: Berlin
    public void QuietHours_ZoneWrittenAsAnyExpression_IsReadAsOne(string zone, string u1Expected)
    {
        // The reference promises an IANA name or an expression; the loader used to take only text starting with
        // 'account.' or 'user.' as one and called anything else an unknown time zone (TRG017). At 05:00Z it is 21:00
        // in Los Angeles (quiet until 08:00 PST, 16:00Z) and 06:00 in Berlin (quiet until 08:00 CET, 07:00Z); u2 has
        // no zone of their own, so the coalesce falls back to the account's.
        Scenario.Passes($$$"""
            playbook: welcome
            rules:
              - id: hello
                when: { event: user.logged_in }
                do:
                  - email: { to: "{{ user.email }}", template: hello }
                quiet_hours: { from: "20:00", to: "08:00", timezone: '{{{zone}}}' }
            """, $$"""
            test: quiet hours in the zone an expression gives
            events:
              - { time: 2026-01-01T00:00:00Z, type: account.updated, accountid: acme, data: { timezone: Europe/Berlin, time-zone: Europe/Berlin } }
              - { time: 2026-01-01T00:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { email: u1@acme.test, timezone: America/Los_Angeles } }
              - { time: 2026-01-01T00:00:00Z, type: user.updated, accountid: acme, userid: u2, data: { email: u2@acme.test } }
              - { time: 2026-01-05T05:00:00Z, type: user.logged_in, accountid: acme, userid: u1 }
              - { time: 2026-01-05T05:00:00Z, type: user.logged_in, accountid: acme, userid: u2 }
            run_until: 2026-01-06T00:00:00Z
            expect:
              - { time: {{u1Expected}}, rule: welcome/hello, action: email, to: u1@acme.test }
              - { time: 2026-01-05T07:00:00Z, rule: welcome/hello, action: email, to: u2@acme.test }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("UTC", "20:00", "08:00", "9999-12-30T21:30:00Z", null)] // quiet until 10000-01-01 08:00: held for ever
    [InlineData("Pacific/Kiritimati", "20:00", "08:00", "9999-12-30T08:30:00Z", null)] // 22:30 on the last local day
    [InlineData("America/Los_Angeles", "14:00", "23:30", "9999-12-30T23:00:00Z", null)] // ends 23:30 PST: 10000 in UTC
    [InlineData("America/New_York", "20:00", "08:00", "9999-12-30T03:00:00Z", "9999-12-31T13:00:00Z")] // still representable
    public void QuietHours_EndingAfterTheLastDateThereIs_HoldTheActionInsteadOfFailingTheReplay(
        string zone, string from, string to, string resolved, string? expected)
    {
        var playbook = Feedback.Replace("from: \"20:00\", to: \"08:00\"", $"from: \"{from}\", to: \"{to}\"", StringComparison.Ordinal);
        var expect = expected is null ? "[]" : $"\n  - {{ time: {expected}, rule: feedback/ask-csat, action: email, to: admin@acme.test }}";
        Scenario.Passes(playbook, $$"""
            test: quiet hours at the end of the calendar in {{zone}}
            events:
              - { time: 9999-12-01T00:00:00Z, type: account.updated, accountid: acme, data: { timezone: {{zone}}, admin_email: admin@acme.test } }
              - { time: {{resolved}}, type: ticket.resolved, accountid: acme, data: { ticket_id: t1 } }
            run_until: 9999-12-31T23:59:59Z
            expect: {{expect}}
            expect_only: true
            """);
    }

    [Fact]
    public void Emit_ChainsIntoAnotherPlaybookAtTheSameInstant()
    {
        Scenario.Passes("""
            playbook: spike
            rules:
              - id: flag
                when:
                  count: { event: ticket.opened, at_least: 2, within: 1d }
                do:
                  - emit: { type: health.red_flag, data: { reason: ticket spike, tickets: 2 } }
            ---
            playbook: escalate
            rules:
              - id: tell-lead
                when: { event: health.red_flag, where: event.data.tickets >= 2 }
                do:
                  - task: { title: "Red flag: {{ trigger.data.reason }}", assignee: lead@vendor.test }
            """, """
            test: a spike raises a red flag that the lead hears about
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme }
              - { time: 2026-02-01T11:00:00Z, type: ticket.opened, accountid: acme }
            expect:
              - { time: 2026-02-01T11:00:00Z, rule: spike/flag, action: emit, type: health.red_flag }
              - { time: 2026-02-01T11:00:00Z, rule: escalate/tell-lead, action: task, title: "Red flag: ticket spike" }
            expect_only: true
            """);
    }

    [Fact]
    public void Template_LargeWholeNumber_KeepsEveryDigit()
    {
        // A 16-digit ticket id went out as 1.23456789012346E+15 in titles and emails: a wrong id, no error.
        Scenario.Passes("""
            playbook: tickets
            rules:
              - id: follow-up
                when: { event: ticket.escalated }
                do:
                  - task: { title: "Ticket {{ event.data.ticket }} ({{ event.data.hours / 4 }} days, {{ 0.1 + 0.2 }})" }
            """, """
            test: the ticket id reads as sent
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.escalated, accountid: acme, data: { ticket: 1234567890123456, hours: 10 } }
            expect:
              - { time: 2026-02-01T10:00:00Z, rule: tickets/follow-up, action: task, title: "Ticket 1234567890123456 (2.5 days, 0.3)" }
            expect_only: true
            """);
    }
}
