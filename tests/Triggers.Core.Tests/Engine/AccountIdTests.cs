using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// <c>account.id</c> is the account's id in every rule, including those a timer fires (a schedule, a count that
/// stays at_most), where there is no triggering event to read it from: a CRM webhook must say which account.
/// </summary>
public sealed class AccountIdTests
{
    private const string Renewal = """
        playbook: renewal
        rules:
          - id: ninety-days-out
            when: { schedule: { date: account.renewal_date, offset: -90d } }
            do:
              - task: { title: "Renewal of {{ account.id }}" }
              - webhook: { target: slack-cs, body: { account_id: "{{ account.id }}", name: "{{ account.name }}" } }
        """;

    [Fact]
    public void ScheduleRule_ReadsTheAccountsIdFromAccount()
    {
        var result = Scenario.Run(Renewal, """
            test: t
            events:
              - { time: 2026-01-01T10:00:00Z, type: account.updated, accountid: acme-42, data: { name: Acme, renewal_date: "2026-06-01" } }
            run_until: 2026-04-01T00:00:00Z
            expect: []
            """);

        var actions = result.Outcomes.Where(o => o.Kind == OutcomeKind.Action).ToList();
        Assert.Equal("Renewal of acme-42", Assert.Single(actions, a => a.Action == "task").Title);
        Assert.Equal("""{"account_id":"acme-42","name":"Acme"}""", Assert.Single(actions, a => a.Action == "webhook").Payload);
    }

    [Fact]
    public void ATraitNamedId_IsKept_AndAccountIdReadsIt()
    {
        var result = Scenario.Run(Renewal, """
            test: t
            events:
              - { time: 2026-01-01T10:00:00Z, type: account.updated, accountid: acme-42, data: { id: crm-7, renewal_date: "2026-06-01" } }
            run_until: 2026-04-01T00:00:00Z
            expect: []
            """);

        Assert.Equal("Renewal of crm-7", Assert.Single(result.Outcomes, o => o.Action == "task").Title);
    }

    /// <summary>A playbook of one rule: its trigger, one action, and optionally one more key of the rule.</summary>
    private static LoadResult OneRule(string when, string action, string? more = null) => PlaybookLoader.Load([new SourceFile("p.yaml",
        $"playbook: p\nrules:\n  - id: r\n    when: {when}\n    do:\n      {action}\n" + (more is null ? "" : $"    {more}\n"))]);

    [Theory]
    [InlineData("{ schedule: { date: account.renewal_date, offset: -90d } }", "{{ trigger.accountid }}", "'trigger' is always null here")]
    [InlineData("{ count: { event: user.logged_in, at_most: 0, within: 7d } }", "{{ user.name }}", "'user' is always null here")]
    public void RuleFiredByTheClock_ReadingTheTriggerOrEvent_IsAWarningThatPointsAtAccountId(string when, string title, string message)
    {
        var result = OneRule(when, $"- task: {{ title: \"{title}\" }}");

        var warning = Assert.Single(result.Diagnostics);
        Assert.False(warning.IsError); // the playbook still loads and runs (the value is null), as before
        Assert.Equal("TRG202", warning.Code);
        Assert.Equal(6, warning.Location.Line);
        Assert.Contains(message, warning.Message);
        Assert.Contains("account.id is the account's id", warning.Hint);
    }

    [Theory]
    [InlineData("{ schedule: { date: account.renewal_date, offset: -90d } }", 1)]
    [InlineData("{ count: { event: user.logged_in, at_most: 0, within: 7d } }", 1)]
    [InlineData("{ event: user.logged_in }", 0)]
    public void QuietHoursZone_ReadFromTheUser_OfARuleTheClockFires_IsAWarning(string when, int warnings)
    {
        // With no user, that zone is always null and the rule's quiet hours always kept in UTC: an email at midnight in LA.
        var result = OneRule(when, "- email: { to: cs@vendor.test, template: t }", "quiet_hours: { from: \"20:00\", to: \"08:00\", timezone: user.timezone }");

        Assert.Equal(warnings, result.Diagnostics.Count(d => d is { Code: "TRG202", IsError: false, Location.Line: 7 } && d.Message.StartsWith("'user' is always null here", StringComparison.Ordinal)));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
    }

    [Theory]
    [InlineData("{ schedule: { date: account.renewal_date, offset: -90d } }", "a schedule falls due from the clock")]
    [InlineData("{ count: { event: user.logged_in, at_most: 0, within: 7d } }", "a count that stays at_most falls due from the clock")]
    [InlineData("{ threshold: { value: account.seats, below: 5, for: 1d } }", "a threshold follows the account's traits")]
    [InlineData("{ event: user.logged_in }", null)]
    public void AppliesToReadingTheUser_InAPlaybookWithARuleNoUsersEventFires_IsAWarning(string when, string? why)
    {
        // Such a rule is decided with no user, so a segment on the user never holds for it: it silently never fires.
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", $$"""
            playbook: p
            applies_to: user.role == "admin"
            rules:
              - id: r
                when: {{when}}
                do:
                  - task: { title: "t" }
            """)]);

        var warnings = result.Diagnostics.Where(d => d.Message.StartsWith("applies_to reads user", StringComparison.Ordinal)).ToList();
        Assert.Equal(why is null ? [] : [$"p.yaml:2:13: warning TRG202: applies_to reads user, which is null for rule 'r': {why}, with no user, so that rule never applies"],
            warnings.Select(d => d.ToString()));
    }

    [Fact]
    public void UnlessOfAScheduleRule_ReadsTheCandidateEventWithoutWarning_ButWarnsOnTheTrigger()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r
                when: { schedule: { date: account.renewal_date, offset: -30d } }
                unless: { event: meeting.booked, where: event.userid != null and trigger.id != null, within: 7d }
                do:
                  - task: { title: "t" }
            """)]);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("TRG202", warning.Code);
        Assert.Contains("'trigger' is always null here", warning.Message);
    }

    [Fact]
    public void RuleFiredByAnEvent_StillReadsTheTrigger()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r
                when: { count: { event: ticket.opened, at_least: 3, within: 7d } }
                do:
                  - task: { title: "{{ trigger.accountid }} {{ user.name }} {{ event.data.subject }}" }
            """)]);

        Assert.Empty(result.Diagnostics);
    }
}
