using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Explaining;
using Triggers.Core.Loading;
using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Explaining;

/// <summary>
/// Audit #9: a rule whose trigger was evaluated and did not hold must say what was checked, not that nothing
/// happened. Each test replays a playbook as explain does and reads the rule's decisions.
/// </summary>
public sealed class AccountExplainerTests
{
    [Fact]
    public void Threshold_ValueNeverPastItsBound_SaysWhatTheValueWasAndWhatItHadToBe()
    {
        var decisions = Decisions("""
            playbook: licences
            rules:
              - id: low
                when:
                  threshold: { value: account.seats_assigned / account.seats_purchased, below: 0.4, for: 14d }
                do:
                  - task: { title: low }
            """, "licences/low",
            Event("a1", "2026-01-05T08:00:00Z", "account.updated", """{"seats_purchased":8,"seats_assigned":6}"""));

        Assert.Equal(["value 0.75 (account.seats_assigned = 6, account.seats_purchased = 8) is not below 0.4"], decisions);
    }

    [Fact]
    public void Where_ComparingTextWithANumber_SaysItIsNeitherTrueNorFalse_NotThatItIsFalse()
    {
        // "12" > 10 is no answer (text never compares with a number): explain says so, since the fix is the data's type.
        var decisions = Decisions("""
            playbook: seats
            rules:
              - id: many
                when: { event: seats.changed, where: event.data.seats > 10 }
                do:
                  - task: { title: many }
            """, "seats/many",
            Event("s1", "2026-01-05T08:00:00Z", "seats.changed", """{"seats":"12"}"""),
            Event("s2", "2026-01-06T08:00:00Z", "seats.changed", """{"seats":9}"""));

        Assert.Equal(
            [
                "seats.changed s1 did not match: event.data.seats > 10 is not met: it compares values of different types (text with a number, say), so it is neither true nor false (event.data.seats = \"12\")",
                "seats.changed s2 did not match: event.data.seats > 10 is false (event.data.seats = 9)",
            ], decisions);
    }

    [Fact]
    public void Threshold_CrossedAndRecoveredBeforeTheDuration_SaysWhenItWouldHaveFiredAndWhyNot()
    {
        var decisions = Decisions("""
            playbook: licences
            rules:
              - id: low
                when:
                  threshold: { value: account.seats_assigned / account.seats_purchased, below: 0.4, for: 14d }
                do:
                  - task: { title: low }
            """, "licences/low",
            Event("a1", "2026-01-05T08:00:00Z", "account.updated", """{"seats_purchased":10,"seats_assigned":3}"""),
            Event("a2", "2026-01-10T08:00:00Z", "account.updated", """{"seats_assigned":6}"""));

        Assert.Equal(
            [
                "value 0.3 (account.seats_assigned = 3, account.seats_purchased = 10) is below 0.4: fires at 2026-01-19T08:00:00Z if it stays there",
                "value 0.6 (account.seats_assigned = 6, account.seats_purchased = 10) is no longer below 0.4: it did not stay there for 14d, so the rule does not fire",
            ], decisions);
    }

    [Fact]
    public void Schedule_DateMissingThenNotYetDue_SaysSo()
    {
        var decisions = Decisions("""
            playbook: renewals
            rules:
              - id: soon
                when:
                  schedule: { date: account.renewal_date, offset: -90d }
                do:
                  - task: { title: renewal }
            """, "renewals/soon",
            Event("a1", "2026-01-05T08:00:00Z", "account.updated", """{"plan":"team"}"""),
            Event("a2", "2026-01-06T08:00:00Z", "account.updated", """{"renewal_date":"2027-01-01T00:00:00Z"}"""));

        Assert.Equal(
            [
                "account.renewal_date -90d (account.renewal_date = null): not a date, nothing scheduled",
                "account.renewal_date -90d (account.renewal_date = \"2027-01-01T00:00:00Z\"): falls due at 2026-10-03T00:00:00Z",
            ], decisions);
    }

    [Fact]
    public void StageStuck_AccountMovesOn_SaysTheCheckWasCancelled()
    {
        var decisions = Decisions("""
            playbook: stalled
            rules:
              - id: stuck
                when: { stage: onboarding, stuck_for: 30d }
                do:
                  - task: { title: stuck }
            """, "stalled/stuck",
            Event("a1", "2026-01-05T08:00:00Z", "subscription.started", "{}"),
            Event("a2", "2026-01-09T08:00:00Z", "feature.used", """{"key":true}"""));

        Assert.Equal(
            [
                "entered stage onboarding: fires at 2026-02-04T08:00:00Z if the account is still there",
                "left stage onboarding for adoption: the stuck check is cancelled",
            ], decisions);
    }

    [Fact]
    public void AtMost_TooManyEventsInTheWindow_SaysWhenTheQuietWindowNowEnds()
    {
        var decisions = Decisions("""
            playbook: quiet
            rules:
              - id: few-logins
                when:
                  count: { event: user.logged_in, at_most: 1, within: 7d }
                do:
                  - task: { title: quiet }
            """, "quiet/few-logins",
            Event("a1", "2026-01-05T08:00:00Z", "user.logged_in", "{}"),
            Event("a2", "2026-01-06T08:00:00Z", "user.logged_in", "{}"),
            Event("a3", "2026-01-07T08:00:00Z", "user.logged_in", "{}"));

        Assert.Equal(
            [
                "user.logged_in a3 makes more than 1 within 7d: fires at 2026-01-13T08:00:00Z if no other comes by then",
            ], decisions);
    }

    [Fact]
    public void MilestoneRule_MilestoneSucceededInstead_SaysWhatTheMilestoneDid()
    {
        var decisions = Decisions("""
            playbook: invite
            milestones:
              - id: activated
                reached_when: { event: user.invited }
                success: { event: user.logged_in, within: 7d }
            rules:
              - id: red-flag
                when: { milestone: activated, is: failed }
                do:
                  - task: { title: failed }
            """, "invite/red-flag",
            Event("a1", "2026-01-05T08:00:00Z", "user.invited", "{}"),
            Event("a2", "2026-01-06T08:00:00Z", "user.logged_in", "{}"));

        Assert.Equal(
            [
                "milestone invite/activated reached (this rule waits for failed)",
                "milestone invite/activated succeeded (this rule waits for failed)",
            ], decisions);
    }

    [Theory]
    [InlineData("Europe/Berlin", "task held by quiet hours 20:00-08:00 Europe/Berlin until 2026-01-06T07:00:00Z")]
    [InlineData("Europe/Berln", "unknown time zone 'Europe/Berln': quiet hours are kept in UTC|task held by quiet hours 20:00-08:00 UTC until 2026-01-06T08:00:00Z")]
    public void QuietHours_SayWhichZoneTheyWereKeptIn_AndAFallBackToUtcIsTheRulesOwnDecision(string zone, string expected)
    {
        var decisions = Decisions("""
            playbook: support
            rules:
              - id: ack
                when: { event: ticket.opened }
                do:
                  - task: { title: ack }
                quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
            """, "support/ack",
            Event("a1", "2026-01-05T08:00:00Z", "account.updated", $$"""{"timezone":"{{zone}}"}"""),
            Event("a2", "2026-01-05T22:30:00Z", "ticket.opened", "{}"));

        Assert.Equal(expected.Split('|'), decisions);
    }

    [Theory]
    [InlineData("7d")]
    [InlineData("168h")]
    [InlineData("1w")]
    [InlineData("14d")]
    public void Limit_Suppression_GivesTheWindowAsThePlaybookWroteIt_NotItsShortestSpelling(string per)
    {
        var explanation = Explain($$"""
            playbook: support
            rules:
              - id: ack
                when: { count: { event: ticket.opened, at_least: 1, within: 14d } }
                do:
                  - task: { title: ack }
                limit: { max: 1, per: {{per}} }
            """, "support/ack",
            Event("t1", "2026-01-05T08:00:00Z", "ticket.opened", "{}"),
            Event("t2", "2026-01-06T08:00:00Z", "ticket.opened", "{}"));

        var expected = $"limit of 1 per {per} reached (last fired 2026-01-05T08:00:00Z)";
        var rule = explanation.Rules.Single();
        Assert.Equal(expected, rule.Fired.Single(o => o.Kind == OutcomeKind.Suppressed).Because);
        Assert.Equal($"task limit: {expected}", explanation.Timeline.Single(e => e.Kind == "suppressed").Text);
        Assert.Equal("at least 1 ticket.opened within 14d", rule.Listens); // 14d, not 2w
    }

    [Fact]
    public void Listens_DurationsOfEveryTriggerKind_AreAsThePlaybookWroteThem()
    {
        var explanation = Explain("""
            playbook: durations
            rules:
              - { id: held, when: { threshold: { value: account.seats, below: 3, for: 7d } }, do: [ { task: { title: t } } ] }
              - { id: stuck, when: { stage: onboarding, stuck_for: 336h }, do: [ { task: { title: t } } ] }
              - { id: renew, when: { schedule: { date: account.renewal_date, offset: -28d } }, do: [ { task: { title: t } } ] }
              - { id: quiet, when: { count: { event: user.logged_in, at_most: 0, within: 7d } }, do: [ { task: { title: t } } ] }
            """, null);

        Assert.Equal(["account.seats below 3 for 7d", "stage onboarding stuck for 336h", "account.renewal_date -28d", "at most 0 user.logged_in within 7d"],
            explanation.Rules.Select(r => r.Listens));
    }

    [Fact]
    public void NotApplied_ByATimer_IsDatedWhenTheTimerFellDue_NotWhenItsTriggerCame()
    {
        // The account left the segment at 12:00, after the invitation at 10:00: the window closing on the 13th is when
        // applies_to was found false, not 10:00 on the 12th, when the plan was still team.
        var rule = Explain("""
            playbook: ap
            applies_to: account.plan == "team"
            rules:
              - id: idle
                when: { event: user.invited }
                unless: { event: user.logged_in, within: 1d }
                do:
                  - task: { title: idle }
            """, "ap/idle",
            Event("e1", "2026-01-01T00:00:00Z", "account.updated", """{"plan":"team"}"""),
            Event("e2", "2026-01-12T10:00:00Z", "user.invited", "{}"),
            Event("e3", "2026-01-12T12:00:00Z", "account.updated", """{"plan":"starter"}""")).Rules.Single();

        var notApplied = Assert.Single(rule.Decisions, d => d.Text.StartsWith("not applied", StringComparison.Ordinal));
        Assert.Equal(DateTimeOffset.Parse("2026-01-13T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), notApplied.Time);
    }

    [Fact]
    public void Threshold_EndedByLeavingTheSegment_SaysSo()
    {
        var decisions = Decisions("""
            playbook: licences
            applies_to: account.plan == "team"
            rules:
              - id: low
                when:
                  threshold: { value: account.seats_assigned / account.seats_purchased, below: 0.4, for: 14d }
                do:
                  - task: { title: low }
            """, "licences/low",
            Event("a1", "2026-01-05T08:00:00Z", "account.updated", """{"plan":"team","seats_purchased":10,"seats_assigned":3}"""),
            Event("a2", "2026-01-10T08:00:00Z", "account.updated", """{"plan":"free"}"""));

        Assert.Equal(
            [
                "value 0.3 (account.seats_assigned = 3, account.seats_purchased = 10) is below 0.4: fires at 2026-01-19T08:00:00Z if it stays there",
                "not applied: applies_to account.plan == \"team\" is false (account.plan = \"free\")",
                "the account left the playbook's segment: the crossing since 2026-01-05T08:00:00Z ends, and one back in it starts anew",
            ], decisions);
    }

    private static string Event(string id, string time, string type, string data) =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"app","type":"{{type}}","time":"{{time}}","accountid":"acme","data":{{data}}}""";

    /// <summary>The rule's decisions after replaying <paramref name="events"/> for acme, as <c>triggers explain</c> wires it.</summary>
    private static List<string> Decisions(string playbook, string rule, params string[] events) =>
        [.. Explain(playbook, rule, events).Rules.Single().Decisions.Select(d => d.Text)];

    /// <summary>What explain says of acme and <paramref name="rule"/> after replaying <paramref name="events"/>.</summary>
    private static AccountExplanation Explain(string playbook, string? rule, params string[] events)
    {
        var loaded = PlaybookLoader.Load([new SourceFile("journeys/scenario.yaml", Scenario.Journey), new SourceFile("playbook.yaml", playbook)]);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var program = new CompiledPlaybooks(loaded.Set);
        var explainer = new AccountExplainer("acme");
        var options = new SimulationOptions { IncludeTimers = true, OnlyAccount = "acme", Until = DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) };
        var simulator = new Simulator(program, options, explainer.Record)
        {
            Trace = explainer, EventStarting = explainer.Starting, EventObserver = explainer.Observe, AccountReplayed = explainer.Replayed, DuplicateIgnored = explainer.Ignored,
        };
        for (var i = 0; i < events.Length; i++)
        {
            simulator.Add(Encoding.UTF8.GetBytes(events[i]), "events.jsonl", i + 1);
        }

        simulator.Finish();
        return explainer.Build(program, rule);
    }
}
