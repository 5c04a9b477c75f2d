namespace Triggers.Cli.Tests.Commands;

public sealed class ExplainCommandTests
{
    private const string Playbooks = """
        playbook: invite
        rules:
          - id: never-logged-in
            when: { event: user.invited, where: event.data.invitee_email != null }
            unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
            do:
              - email: { to: "{{ trigger.data.invitee_email }}", template: invite-reminder }
            limit: { max: 1, per: 14d }
          - id: spike
            when:
              count: { event: ticket.opened, at_least: 3, within: 7d }
            do:
              - task: { title: spike }
        """;

    private const string Events = """
        {"specversion":"1.0","id":"e1","source":"app","type":"user.invited","time":"2026-01-05T10:00:00Z","accountid":"acme","userid":"u1","data":{"invitee_id":"u2","invitee_email":"bob@acme.test"}}
        {"specversion":"1.0","id":"e2","source":"app","type":"user.invited","time":"2026-01-05T11:00:00Z","accountid":"acme","userid":"u1","data":{"invitee_id":"u3","invitee_email":"eve@acme.test"}}
        {"specversion":"1.0","id":"e3","source":"app","type":"user.invited","time":"2026-01-05T12:00:00Z","accountid":"acme","userid":"u1","data":{"invitee_id":"u4"}}
        {"specversion":"1.0","id":"e4","source":"app","type":"user.logged_in","time":"2026-01-06T10:00:00Z","accountid":"acme","userid":"u3"}
        {"specversion":"1.0","id":"e5","source":"app","type":"ticket.opened","time":"2026-01-06T11:00:00Z","accountid":"acme"}
        {"specversion":"1.0","id":"x1","source":"app","type":"user.invited","time":"2026-01-06T12:00:00Z","accountid":"other","userid":"u9","data":{"invitee_id":"u8","invitee_email":"z@other.test"}}
        {"specversion":"1.0","id":"e6","source":"app","type":"user.invited","time":"2026-01-07T10:00:00Z","accountid":"acme","userid":"u1","data":{"invitee_id":"u5","invitee_email":"dan@acme.test"}}

        """;

    [Fact]
    public void Explain_Account_ShowsWhyEachRuleFiredOrNot()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--until", "2026-01-20T00:00:00Z");

        Assert.Equal(0, result.ExitCode);
        var text = result.Output;
        Assert.Contains("Account acme: 6 events", text);
        Assert.Contains("invite/never-logged-in: fired 1 action, 1 suppressed", text);
        Assert.Contains("2026-01-08T10:00:00Z  email to bob@acme.test (invite-reminder)", text);
        Assert.Contains("window opened by e2 closed early: user.logged_in e4 arrived, so the rule does not fire", text);
        Assert.Contains("user.invited e3 did not match: event.data.invitee_email != null is false (event.data.invitee_email = null)", text);
        // Once on the timeline and once under its rule: the suppressed outcome, not a decision repeating it. Its window
        // is written as in the playbook (per: 14d), not as the equal 2w.
        Assert.Equal(2, text.Split("limit of 1 per 14d reached").Length - 1);
        Assert.Contains("suppressed email (limit): limit of 1 per 14d reached", text);
        Assert.DoesNotContain("per 2w", text);
        Assert.Contains("invite/spike: did not fire (listens for at least 3 ticket.opened within 7d)", text);
        // Under the rule, in time order: the window the invitation opened comes before the email it led to.
        var rules = text[text.IndexOf("\nRules", StringComparison.Ordinal)..];
        Assert.True(rules.IndexOf("triggered by e1", StringComparison.Ordinal) is > 0 and var opened
            && opened < rules.IndexOf("2026-01-08T10:00:00Z  email to bob@acme.test", StringComparison.Ordinal), rules);
        Assert.Contains("invite/spike: did not fire", text);
        Assert.Contains("counted ticket.opened e5: 1 of 3 within 7d", text);
        Assert.DoesNotContain("z@other.test", text);
    }

    [Fact]
    public void Explain_TimesWithFractions_KeepTheTimelineColumnsAligned()
    {
        var events = Events.Replace("2026-01-06T11:00:00Z", "2026-01-06T11:00:00.25Z", StringComparison.Ordinal);
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--until", "2026-01-20T00:00:00Z");

        Assert.Equal(0, result.ExitCode);
        var rows = result.Output.Split('\n').SkipWhile(l => l != "Timeline").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Contains(rows, r => r.Contains("2026-01-06T11:00:00.250Z", StringComparison.Ordinal));
        Assert.True(rows.Count > 5);
        Assert.Single(rows.Select(r => System.Text.RegularExpressions.Regex.Match(r, @"^  \S+ +").Length).Distinct()); // where the kind column starts
    }

    [Fact]
    public void Explain_DuplicateEvent_IsMarkedIgnoredAndCountedAsADuplicate()
    {
        // Audit #8a: the repeated id read as an ordinary event, and the header counted it as one.
        var events = Events + """
            {"specversion":"1.0","id":"e5","source":"app","type":"ticket.opened","time":"2026-01-08T11:00:00Z","accountid":"acme","data":{"again":true}}

            """;
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--until", "2026-01-20T00:00:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Account acme: 7 events (1 a duplicate, ignored)", result.Output);
        Assert.Contains("""duplicate   ticket.opened                             e5: same id as the ticket.opened at 2026-01-06T11:00:00Z; ignored {"again":true}""", result.Output);
        Assert.DoesNotContain("counted ticket.opened e5: 2 of 3", result.Output);
    }

    [Fact]
    public void Explain_AccountWhoseOnlyLinesWereRejected_ShowsThemRatherThanNoEvents()
    {
        var events = Events + """
            {"specversion":"0.3","id":"z1","source":"app","type":"user.logged_in","time":"2026-01-09T00:00:00Z","accountid":"zed"}
            {"specversion":"0.3","id":"e9","source":"app","type":"user.logged_in","time":"2026-01-09T00:00:00Z","accountid":"acme"}

            """;
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", events);

        var zed = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "zed");
        var acme = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--rule", "spike");

        Assert.Equal((0, ""), (zed.ExitCode, zed.Error));
        Assert.Contains("Account zed: 0 events, 1 rejected line", zed.Output);
        Assert.Contains("""2026-01-09T00:00:00Z  rejected    events.jsonl:8                            specversion must be "1.0"; skipped""", zed.Output);
        Assert.Contains("Account acme: 6 events, 1 rejected line", acme.Output);
        Assert.Contains("events.jsonl:9", acme.Output); // --rule narrows the decisions, not what the history held
    }

    [Fact]
    public void Explain_ARejectedLineInAHistoryWithNoReadableTime_ShowsNoTime_NotYear1()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", "{\"accountid\":\"acme\",\"type\":\"user.invited\"}\n");

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Account acme: 0 events, 1 rejected line", result.Output);
        Assert.Contains("  -                     rejected    events.jsonl:1                            missing required attribute 'id'; skipped", result.OutputLines);
        Assert.DoesNotContain("0001-01-01", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ThresholdCheckedButNeverCrossed_SaysWhatTheValueWasNotThatNothingHappened()
    {
        // Audit #9: the value was read at every trait change, yet the summary said nothing had happened.
        const string licences = """
            playbook: licences
            rules:
              - id: seats-unused
                when:
                  threshold: { value: account.seats_assigned / account.seats_purchased, below: 0.4, for: 14d }
                do:
                  - task: { title: seats unused }
            """;
        const string events = """
            {"specversion":"1.0","id":"a1","source":"crm","type":"account.updated","time":"2026-01-05T08:00:00Z","accountid":"pixelforge","data":{"seats_purchased":8,"seats_assigned":6}}
            {"specversion":"1.0","id":"a2","source":"crm","type":"account.updated","time":"2026-01-09T08:00:00Z","accountid":"pixelforge","data":{"plan":"team"}}

            """;
        using var dir = new TempDirectory().Write("playbooks/licences.yaml", licences).Write("events.jsonl", events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "pixelforge");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2026-01-05T08:00:00Z  value 0.75 (account.seats_assigned = 6, account.seats_purchased = 8) is not below 0.4 (2 times, the last at 2026-01-09T08:00:00Z)", result.Output);
        Assert.DoesNotContain("nothing this rule listens for happened", result.Output);
    }

    [Fact]
    public void Explain_TextFromEventsWithControlCharacters_StaysOnItsOwnLineEscaped()
    {
        var events = Events.Replace("bob@acme.test", SimulateCommandTests.Forged, StringComparison.Ordinal)
            .Replace("\"userid\":\"u1\"", "\"userid\":\"u1\\r\\nx\"", StringComparison.Ordinal); // inside: at an end it would be refused as padding
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--until", "2026-01-20T00:00:00Z");

        Assert.Equal(0, result.ExitCode);
        // The email itself is no address, so it is suppressed; its explanation quotes the text, escaped the same way.
        Assert.Contains("""email invalid-recipient: 'bob\n2026-01-08T10:00:00Z      action      acme            forged/row  email to x\t\u0001 "boss"' (""", result.Output);
        Assert.All(result.OutputLines.Where(l => l.Contains("forged/row", StringComparison.Ordinal)), l => Assert.Contains("bob\\n2026", l, StringComparison.Ordinal));
        Assert.Contains("e1 by user u1\\r\\nx {", result.Output);
    }

    [Fact]
    public void WindowsOpenedInTheLastDaysOfYear9999_NeverClose_AndNeitherCommandStops()
    {
        // A clock-skewed producer or a placeholder date: the 3-day window would close after the last date there is.
        var events = Events.Replace("2026-01-05T10:00:00Z", "9999-12-30T10:00:00Z", StringComparison.Ordinal)
            .Replace("2026-01-07T10:00:00Z", "9999-12-31T10:00:00Z", StringComparison.Ordinal);
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", events);

        var explain = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--allowed-lateness", "100000d");
        var simulate = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json", "--show-timers", "--allowed-lateness", "100000d");

        Assert.Equal((0, ""), (explain.ExitCode, explain.Error));
        Assert.Contains("triggered by e1: waiting until 9999-12-31T23:59:59Z for no user.logged_in", explain.Output);
        Assert.Equal(0, simulate.ExitCode);
        Assert.Contains("\"due\":\"9999-12-31T23:59:59.9999999Z\",\"reason\":\"unless window closes\",\"trigger_event\":\"e1\"", simulate.Output);
        Assert.DoesNotContain("\"kind\":\"action\",\"time\":\"9999", simulate.Output);
    }

    [Fact]
    public void Explain_BrokenTestFileBesideThePlaybooks_ExplainsAnyway()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("playbooks/invite.test.yaml", "test: half written\nevents: [\n")
            .Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--until", "2026-01-20T00:00:00Z");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("never-logged-in", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("invite.test.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_OneRule_ShowsOnlyThatRule()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--rule", "spike");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("invite/spike: did not fire", result.Output);
        Assert.DoesNotContain("invite/never-logged-in:", result.Output);
    }

    [Fact]
    public void Explain_UnknownAccount_SaysSoAndExitsOne()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "nobody");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("account 'nobody' has no events", result.Error);
        Assert.DoesNotContain("did you mean", result.Error);
    }

    [Fact]
    public void Explain_AnAccountWhoseEventsAllComeAfterUntil_SaysSo_NotDidYouMeanAnother()
    {
        // "other" is spelt right: its one event is on the 6th, after the cut.
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "other", "--until", "2026-01-06T00:00:00Z");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("triggers: account 'other' has no events up to --until 2026-01-06T00:00:00Z: all of its events come after it", result.Error.TrimEnd());
    }

    [Fact]
    public void Explain_MistypedAccount_SuggestsTheClosestId()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acmee");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("account 'acmee' has no events in events.jsonl; did you mean 'acme'?", result.Error.TrimEnd());
    }

    [Fact]
    public void Explain_MistypedAccount_SuggestsAnIdFromTheEvents_Escaped()
    {
        // The suggestion comes from the events, not from what the user typed: a bidi override in it must not reach the terminal.
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("events.jsonl", Events.Replace("\"accountid\":\"acme\"", "\"accountid\":\"ac\\u202eme\"", StringComparison.Ordinal));

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme");

        Assert.Equal(1, result.ExitCode);
        TerminalText.AssertSafe(result.Error);
        Assert.EndsWith(@"account 'acme' has no events in events.jsonl; did you mean 'ac\u202eme'?", result.Error.TrimEnd());
    }

    [Fact]
    public void Explain_AccountInOtherCase_SuggestsTheIdAsWritten()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "ACME");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("account 'ACME' has no events in events.jsonl; did you mean 'acme'?", result.Error.TrimEnd());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Explain_EmptyAccount_IsAUsageError_NotAnAccountWithoutEvents(string account)
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", account);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("triggers: --account: the account id is empty; give the accountid of the account to explain\nsee 'triggers explain --help'", result.Error.Trim());
    }

    [Fact]
    public void Explain_UnknownAccountOnStandardInput_NamesStandardInput()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks);

        var result = TriggersProcess.RunWithInput(dir.Path, System.Text.Encoding.UTF8.GetBytes(Events), "explain", "--events", "-", "--account", "nobody");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("triggers: account 'nobody' has no events in standard input", result.Error.Trim());
    }

    [Theory]
    [InlineData("SPIKE", "spike")]
    [InlineData("invite/spikes", "invite/spike")]
    public void Explain_MistypedRule_SuggestsTheClosestRule(string rule, string meant)
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--rule", rule);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"triggers: no rule '{rule}' in playbooks; did you mean '{meant}'?", result.Error.Trim());
    }

    [Fact]
    public void Explain_UntilBeforeTheAccountsEvents_SaysTheEventsComeAfterIt_NotThatThereAreNone()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "explain", "--events", "events.jsonl", "--account", "acme", "--until", "2000-01-01");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("triggers: account 'acme' has no events up to --until 2000-01-01T00:00:00Z: all of its events come after it", result.Error.Trim());
    }
}
