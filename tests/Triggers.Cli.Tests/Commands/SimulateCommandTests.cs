using System.Text.Json;

namespace Triggers.Cli.Tests.Commands;

public sealed partial class SimulateCommandTests
{
    private const string Playbooks = """
        playbook: invite-colleague
        milestones:
          - id: colleague-activated
            reached_when: { event: user.invited }
            success: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 7d }
        rules:
          - id: invitee-never-logged-in
            when: { event: user.invited }
            unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
            do:
              - email: { to: "{{ trigger.data.invitee_email }}", template: invite-reminder }
              - task: { title: "{{ trigger.data.invitee_email }} never logged in", assignee: "{{ account.csm_email }}" }
              - webhook: { target: slack-cs, body: { text: "{{ trigger.data.invitee_email }}" } }
              - emit: { type: invite.stalled, data: { invitee: "{{ trigger.data.invitee_id }}" } }
        """;

    private const string Events = """
        {"specversion":"1.0","id":"e1","source":"app","type":"account.updated","time":"2026-01-05T09:00:00Z","accountid":"acme","data":{"csm_email":"cs@vendor.test"}}
        {"specversion":"1.0","id":"e2","source":"app","type":"user.invited","time":"2026-01-05T10:00:00Z","accountid":"acme","userid":"u1","data":{"invitee_id":"u2","invitee_email":"bob@acme.test"}}
        this line is not json
        {"specversion":"1.0","id":"e3","source":"app","type":"user.logged_in","time":"2026-01-20T10:00:00Z","accountid":"acme","userid":"u9"}

        """;

    [Fact]
    public void SimulateJson_PrintsOneContractObjectPerOutcome()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--playbooks", "playbooks", "--events", "events.jsonl", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var actions = lines.Where(l => l.GetProperty("kind").GetString() == "action").ToList();
        Assert.Equal(["email", "task", "webhook", "emit"], actions.Select(a => a.GetProperty("action").GetString()));
        foreach (var action in actions)
        {
            Assert.Equal("2026-01-08T10:00:00Z", action.GetProperty("time").GetString());
            Assert.Equal("invite-colleague", action.GetProperty("playbook").GetString());
            Assert.Equal("invitee-never-logged-in", action.GetProperty("rule").GetString());
            Assert.Equal("acme", action.GetProperty("accountid").GetString());
            Assert.Matches("^[0-9a-f]{24}$", action.GetProperty("id").GetString());
        }

        Assert.Equal("bob@acme.test", actions[0].GetProperty("to").GetString());
        Assert.Equal("invite-reminder", actions[0].GetProperty("template").GetString());
        Assert.Equal("cs@vendor.test", actions[1].GetProperty("assignee").GetString());
        Assert.Equal("bob@acme.test never logged in", actions[1].GetProperty("title").GetString());
        Assert.Equal("slack-cs", actions[2].GetProperty("target").GetString());
        Assert.Equal("invite.stalled", actions[3].GetProperty("type").GetString());

        var milestones = lines.Where(l => l.GetProperty("kind").GetString() == "milestone").Select(l => l.GetProperty("status").GetString());
        Assert.Equal(["reached", "failed"], milestones);
        var rejected = Assert.Single(lines, l => l.GetProperty("kind").GetString() == "rejected");
        Assert.Equal("events.jsonl:3", rejected.GetProperty("because").GetString());
        Assert.Contains("events: 4 (3 processed", result.Error);
        Assert.Matches(@"events/s \(reading \d+\.\d\d s, replaying \d+\.\d\d s, writing \d+\.\d\d s\)", result.Error);
    }

    [Fact]
    public void Simulate_BrokenTestFileBesideThePlaybooks_RunsAnyway_AndLeavesItsErrorsToValidateAndTest()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("playbooks/invite.test.yaml", "test: half written\nevents: [\n")
            .Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");
        File.WriteAllText(Path.Combine(dir.Path, "playbooks/webhooks.yaml"), "targets: [\n");
        var brokenPlaybooks = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("email to bob@acme.test (invite-reminder)", result.Output);
        Assert.DoesNotContain("invite.test.yaml", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, brokenPlaybooks.ExitCode);
        Assert.Contains("playbooks/webhooks.yaml:", brokenPlaybooks.Error, StringComparison.Ordinal);
        Assert.Contains("simulation not run: fix the errors above first", brokenPlaybooks.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("invite.test.yaml", brokenPlaybooks.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulateTable_IsReadableAndSameRunTwiceIsIdentical()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events);

        var first = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");
        var second = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
        Assert.Contains("email to bob@acme.test (invite-reminder)", first.Output);
    }

    /// <summary>An invitee address that, printed as it is, would end its row and start one that reads as another outcome.</summary>
    internal const string Forged = "bob\\n2026-01-08T10:00:00Z      action      acme            forged/row  email to x\\t\\u0001 \\\"boss\\\"";

    [Fact]
    public void SimulateTable_TextFromEventsWithControlCharactersAndQuotes_StaysOnItsOwnLineEscaped()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events.Replace("bob@acme.test", Forged, StringComparison.Ordinal));

        var table = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");
        var json = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");

        Assert.Equal((0, 0), (table.ExitCode, json.ExitCode));
        Assert.Equal(json.OutputLines.Length + 1, table.OutputLines.Length); // the header, then one line per outcome
        var task = Assert.Single(table.OutputLines, l => l.Contains("  task \"", StringComparison.Ordinal));
        Assert.EndsWith("""task "bob\n2026-01-08T10:00:00Z      action      acme            forged/row  email to x\t\u0001 \"boss\" never logged in" for cs@vendor.test (normal)""", task);
        // The email itself is no address, so it is suppressed; its explanation quotes the text, escaped the same way.
        Assert.Contains("""email invalid-recipient: 'bob\n2026-01-08T10:00:00Z      action      acme            forged/row  email to x\t\u0001 "boss"' (""", table.Output);
        Assert.Contains("\"title\":\"bob\\n2026-01-08T10:00:00Z", json.Output); // JSON escapes by its own rules, as before
    }

    [Fact]
    public void SimulateTable_TextFromEventsWithEscSequencesAndBidiOverrides_IsEscaped_JsonIsLeftToItsWriter()
    {
        // An address whose right-to-left override would show "bob@acme.test" reversed after it, and an ESC sequence
        // that would retitle the terminal window.
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n")
            .Write("events.jsonl", Events.Replace("bob@acme.test", "bob\\u202e@acme.test\\u001b]0;pwned\\u0007", StringComparison.Ordinal));

        var table = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");
        var json = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");

        Assert.Equal((0, 0), (table.ExitCode, json.ExitCode));
        TerminalText.AssertSafe(table.Output);
        var task = Assert.Single(table.OutputLines, l => l.Contains("  task \"", StringComparison.Ordinal));
        Assert.Contains(@"task ""bob\u202e@acme.test\u001b]0;pwned\u0007 never logged in""", task);
        var title = json.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).Single(l => l.TryGetProperty("title", out _)).GetProperty("title").GetString();
        Assert.Equal("bob\u202e@acme.test\u001b]0;pwned\u0007 never logged in", title);
    }

    [Fact]
    public void Simulate_EventsGivenAsADirectory_SaysItIsOneAndWhatItTakes()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("history/events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "history");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("triggers: 'history' is a directory; --events takes a JSON Lines file (or a .gz of one, or - for standard input)", result.Error.Trim());
    }

    [Fact]
    public void Simulate_TraitsPastTheAccountsLimit_EndsWithAWarningCountingThem()
    {
        // A producer that writes each day's visit count under a new trait name.
        var history = string.Join("\n", Enumerable.Range(0, 3_000).Select(i =>
            $$$"""{"specversion":"1.0","id":"v{{{i}}}","source":"crm","type":"account.updated","time":"{{{new DateTime(2026, 1, 1).AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss}}}Z","accountid":"acme","data":{"visits_{{{i}}}":"{{{new string('x', 24)}}}"}}"""));
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", history);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"warning: [0-9,]+ trait values were not kept: an account keeps at most 64 KB of traits \(names and text, its users' included\); explain --account shows which", result.Error);
    }

    [Fact]
    public void SimulateTable_ALateEvent_SaysHowLateAndWhichLine()
    {
        var late = Events.Split('\n')[1].Replace("2026-01-05T10:00:00Z", "2026-01-01T10:00:00Z", StringComparison.Ordinal).Replace("e2", "e0", StringComparison.Ordinal);
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events + late + "\n");

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");

        Assert.Equal(0, result.ExitCode);
        var row = Assert.Single(result.OutputLines, l => l.Contains(" late ", StringComparison.Ordinal));
        Assert.Matches(@" e0 +arrived 19d behind the newest event of its account; allowed lateness is 0: events\.jsonl:5$", row);
        Assert.Contains("1 late, 1 rejected, 0 after --until) over 1 account;", result.Error);
    }

    [Fact]
    public void Simulate_ADateTraitThatIsNoDate_EndsWithAWarningNamingIt()
    {
        const string renewal = """
            playbook: renewal
            rules:
              - id: ninety-days
                when: { schedule: { date: account.renewal_date, offset: -90d } }
                do:
                  - task: { title: renewal }
            """;
        const string events = """
            {"specversion":"1.0","id":"e1","source":"app","type":"account.updated","time":"2026-01-05T09:00:00Z","accountid":"acme","data":{"renewal_date":"09/01/2026"}}
            {"specversion":"1.0","id":"e2","source":"app","type":"account.updated","time":"2026-01-06T09:00:00Z","accountid":"globex","data":{"renewal_date":"2026-09-01"}}

            """;
        using var dir = new TempDirectory().Write("playbooks/renewal.yaml", renewal).Write("events.jsonl", events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--until", "2026-12-31T00:00:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.OutputLines, l => l.Contains("globex", StringComparison.Ordinal) && l.Contains("renewal", StringComparison.Ordinal));
        Assert.Contains("warning: a schedule's date was not a date 1 time ('09/01/2026'), so nothing was scheduled then; write dates as ISO 8601", result.Error);
    }

    [Fact]
    public void Simulate_EventsALinkToNothing_OrPlaybooksEmpty_SayWhichInOneLine()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "broken.jsonl"), "gone.jsonl");

        var link = TriggersProcess.Run(dir.Path, "simulate", "--events", "broken.jsonl");
        var empty = TriggersProcess.Run(dir.Path, "simulate", "--playbooks", "", "--events", "broken.jsonl");

        Assert.Equal((1, 1), (link.ExitCode, empty.ExitCode));
        Assert.Equal("triggers: events file 'broken.jsonl' is a link to gone.jsonl, which does not exist", link.Error.Trim());
        Assert.StartsWith("triggers: --playbooks is given an empty value (an unset variable in a script?)", empty.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_EventsOfATypeWrittenOtherwiseThanPlaybooksListen_EndsWithAWarningNamingBoth()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n")
            .Write("events.jsonl", Events.Replace("\"type\":\"user.invited\"", "\"type\":\"User.Invited\"", StringComparison.Ordinal));

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: events of type 'User.Invited' are heard by no playbook; playbooks listen for 'user.invited' (types are compared exactly, case included)",
            result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_UntilBeforeEveryEvent_WarnsThatNothingWasReplayed()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n")
            .Write("events.jsonl", Events);

        var typo = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--until", "2016-01-20");
        var fine = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--until", "2026-01-20");

        Assert.Equal(0, typo.ExitCode);
        Assert.Matches(@"warning: every event in events\.jsonl comes after --until 2016-01-20T00:00:00Z \(\d+ events\), so nothing was replayed", typo.Error);
        Assert.DoesNotContain("warning", fine.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_AMisspeltTimeZone_EndsWithAWarningNamingIt()
    {
        const string quiet = """
            playbook: spike
            rules:
              - id: every-ticket
                when: { event: ticket.opened }
                do:
                  - task: { title: ticket }
                quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
            """;
        const string events = """
            {"specversion":"1.0","id":"e1","source":"app","type":"account.updated","time":"2026-01-05T09:00:00Z","accountid":"acme","data":{"timezone":"Europe/Berln"}}
            {"specversion":"1.0","id":"e2","source":"app","type":"ticket.opened","time":"2026-01-05T22:00:00Z","accountid":"acme"}

            """;
        using var dir = new TempDirectory().Write("playbooks/spike.yaml", quiet).Write("events.jsonl", events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: quiet hours were kept in UTC for 1 action: 1 whose time zone is unknown ('Europe/Berln')", result.Error);
    }

    [Theory]
    [InlineData("2026-01-07T00:00:00Z")]
    [InlineData("2026-01-07t00:00:00z")] // RFC 3339 (5.6) allows lower case
    public void Simulate_UntilBeforeTheWindowCloses_FiresNothing(string until)
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--until", until, "--format", "json");

        Assert.DoesNotContain("\"kind\":\"action\"", result.Output);
        Assert.Contains("1 after --until", result.Error);
    }

    [Fact]
    public void SimulateShowTimers_ReportsEachTimerWithItsDueTimeAndAStableId()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events);

        string[] Timers() => TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json", "--show-timers")
            .OutputLines.Where(l => l.Contains("\"kind\":\"timer\"", StringComparison.Ordinal)).ToArray();

        var timers = Timers();
        Assert.Equal(2, timers.Length);
        var window = JsonDocument.Parse(timers.Single(t => t.Contains("unless window", StringComparison.Ordinal))).RootElement;
        Assert.Equal("2026-01-08T10:00:00Z", window.GetProperty("due").GetString());
        Assert.Equal("2026-01-05T10:00:00Z", window.GetProperty("time").GetString());
        Assert.Equal(timers, Timers());
    }

    [Fact]
    public void SimulateShowTimers_MilestoneWindow_IsNamedAsAMilestoneNotARule()
    {
        // Audit #24: the milestone's id was written under "rule", where a consumer looks for a rule.
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events);

        var timers = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json", "--show-timers")
            .OutputLines.Where(l => l.Contains("\"kind\":\"timer\"", StringComparison.Ordinal)).ToArray();
        var table = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--show-timers").OutputLines;

        var window = JsonDocument.Parse(timers.Single(t => t.Contains("milestone window", StringComparison.Ordinal))).RootElement;
        Assert.Equal("invite-colleague", window.GetProperty("playbook").GetString());
        Assert.Equal("colleague-activated", window.GetProperty("milestone").GetString());
        Assert.False(window.TryGetProperty("rule", out _));
        var unless = JsonDocument.Parse(timers.Single(t => t.Contains("unless window", StringComparison.Ordinal))).RootElement;
        Assert.Equal("invitee-never-logged-in", unless.GetProperty("rule").GetString());
        Assert.False(unless.TryGetProperty("milestone", out _));
        Assert.Contains(table, l => l.Contains("invite-colleague/colleague-activated", StringComparison.Ordinal) && l.Contains("milestone window closes", StringComparison.Ordinal));
    }

    [Fact]
    public void Simulate_AGzippedHistory_GivesTheSameOutcomesAsThePlainFile()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events);
        using (var gz = new System.IO.Compression.GZipStream(File.Create(Path.Combine(dir.Path, "events.jsonl.gz")), System.IO.Compression.CompressionLevel.Optimal))
        {
            gz.Write(System.Text.Encoding.UTF8.GetBytes(Events));
        }

        string[] Actions(string file) => TriggersProcess.Run(dir.Path, "simulate", "--events", file, "--format", "json")
            .OutputLines.Where(l => !l.Contains("\"kind\":\"rejected\"", StringComparison.Ordinal)).ToArray(); // a rejection names its file

        var plain = Actions("events.jsonl");
        Assert.Equal(4, plain.Count(l => l.Contains("\"kind\":\"action\"", StringComparison.Ordinal)));
        Assert.Equal(plain, Actions("events.jsonl.gz"));
    }

    [Fact]
    public void Simulate_AGzippedHistoryCutShort_WarnsThatItLooksTruncated()
    {
        // A history long enough that the cut falls inside its compressed data, as an interrupted download leaves it.
        var history = string.Concat(Enumerable.Range(0, 400).Select(i => Events.Replace("\"id\":\"e", $"\"id\":\"r{i}-e", StringComparison.Ordinal)));
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n");
        var whole = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(whole, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(System.Text.Encoding.UTF8.GetBytes(history));
        }

        File.WriteAllBytes(Path.Combine(dir.Path, "whole.jsonl.gz"), whole.ToArray());
        File.WriteAllBytes(Path.Combine(dir.Path, "cut.jsonl.gz"), whole.ToArray()[..(int)(whole.Length / 2)]);

        var complete = TriggersProcess.Run(dir.Path, "simulate", "--events", "whole.jsonl.gz");
        var cut = TriggersProcess.Run(dir.Path, "simulate", "--events", "cut.jsonl.gz");

        Assert.Equal(0, complete.ExitCode);
        Assert.DoesNotContain("warning", complete.Error, StringComparison.Ordinal);
        Assert.Equal(0, cut.ExitCode);
        Assert.Matches(@"warning: cut\.jsonl\.gz looks cut short at byte [\d,. ]+, the end of the file: it decompressed to [\d,. ]+ bytes of history", cut.Error);
        Assert.Contains("so the history may end early", cut.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("trailer", cut.Error, StringComparison.Ordinal); // audit #29: a cut file's last bytes record nothing

        // The same through standard input, where nothing can be measured but what came through; and a file cut inside
        // gzip's header, which decompresses to nothing at all.
        var piped = TriggersProcess.RunWithInput(dir.Path, whole.ToArray()[..(int)(whole.Length / 2)], "simulate", "--events", "-");
        var wholePiped = TriggersProcess.RunWithInput(dir.Path, whole.ToArray(), "simulate", "--events", "-");
        File.WriteAllBytes(Path.Combine(dir.Path, "header.gz"), whole.ToArray()[..2]);
        var header = TriggersProcess.Run(dir.Path, "simulate", "--events", "header.gz");

        Assert.Matches(@"warning: stdin looks cut short at byte [\d,. ]+, the end of the input: it decompressed to", piped.Error);
        Assert.Equal(cut.Output.Replace("cut.jsonl.gz:", "stdin:", StringComparison.Ordinal), piped.Output);
        Assert.DoesNotContain("warning", wholePiped.Error, StringComparison.Ordinal);
        Assert.Equal(complete.Output.Replace("whole.jsonl.gz:", "stdin:", StringComparison.Ordinal), wholePiped.Output);
        Assert.Contains("warning: header.gz looks cut short at byte 2, the end of the file", header.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_AGzipHoldingUtf16OrAnotherGzip_IsRefusedAsThePlainFileIs()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n");
        File.WriteAllBytes(Path.Combine(dir.Path, "wide.gz"), Gzip(System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(Events)).ToArray()));
        File.WriteAllBytes(Path.Combine(dir.Path, "twice.gz"), Gzip(Gzip(System.Text.Encoding.UTF8.GetBytes(Events))));

        var wide = TriggersProcess.Run(dir.Path, "simulate", "--events", "wide.gz");
        var twice = TriggersProcess.Run(dir.Path, "simulate", "--events", "twice.gz");

        Assert.Equal((1, 1), (wide.ExitCode, twice.ExitCode));
        Assert.StartsWith("triggers: wide.gz (decompressed) is UTF-16 text", wide.Error.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("triggers: twice.gz (decompressed) is gzip again: it was compressed twice", twice.Error.Trim(), StringComparison.Ordinal);
        Assert.Empty(wide.Output);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        var packed = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(bytes);
        }

        return packed.ToArray();
    }

    [Fact]
    public void Simulate_AGzippedHistoryWithADamagedChecksum_SaysTheDataIsDamaged_NotAnUnsupportedMethod()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n");
        var whole = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(whole, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(System.Text.Encoding.UTF8.GetBytes(Events));
        }

        var bytes = whole.ToArray();
        bytes[^6] ^= 0xFF; // inside the CRC-32 of the trailer
        File.WriteAllBytes(Path.Combine(dir.Path, "damaged.jsonl.gz"), bytes);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "damaged.jsonl.gz");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("triggers: reading the events failed: the gzip data is damaged", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("compression method", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("events.jsonl")]
    [InlineData("events.jsonl.gz")] // its size read from the gzip trailer
    public void Simulate_AHistoryTooLargeForTheMemoryAllowed_WarnsBeforeReadingAndStillRuns(string name)
    {
        // 16 MB of history (blank lines, which cost nothing to replay) against a 64 MB heap: a replay needs about 4x.
        // The limit is hexadecimal without "0x", which the native build's runtime would not read.
        var padded = Events + new string('\n', 16 << 20);
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n");
        using (var file = File.Create(Path.Combine(dir.Path, name)))
        using (var content = name.EndsWith(".gz", StringComparison.Ordinal) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest) : (Stream)file)
        {
            content.Write(System.Text.Encoding.UTF8.GetBytes(padded));
        }

        var limited = TriggersProcess.Run(dir.Path, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "4000000" }, "simulate", "--events", name, "--format", "json");
        var roomy = TriggersProcess.Run(dir.Path, "simulate", "--events", name, "--format", "json");

        Assert.Equal(0, limited.ExitCode);
        Assert.StartsWith(
            $"warning: {name} holds 16 MB of events; a replay keeps them in memory (about 64 MB), more than the 64 MB this process may use, so it will likely run out of memory. Accounts are replayed independently: replay the history in parts (simulate --part 1/4, then 2/4, 3/4 and 4/4), each keeping only its accounts' events.",
            limited.Error);
        Assert.Equal(4, limited.OutputLines.Count(l => l.Contains("\"kind\":\"action\"", StringComparison.Ordinal)));
        Assert.DoesNotContain("warning", roomy.Error, StringComparison.Ordinal);
        // Half the accounts keep half the events: that fits.
        var half = TriggersProcess.Run(dir.Path, new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "4000000" }, "simulate", "--events", name, "--part", "1/2");
        Assert.Equal(0, half.ExitCode);
        Assert.DoesNotContain("warning", half.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_InParts_GivesTogetherWhatOneRunGives()
    {
        var accounts = string.Join("\n", Enumerable.Range(1, 12).Select(i =>
            $$$"""{"specversion":"1.0","id":"i{{{i}}}","source":"app","type":"user.invited","time":"2026-01-21T10:{{{i:D2}}}:00Z","accountid":"acct-{{{i}}}","userid":"u1","data":{"invitee_id":"u2","invitee_email":"bob{{{i}}}@acme.test"}}"""));
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events + accounts + "\n");

        var whole = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");
        var parts = Enumerable.Range(1, 3).Select(k => TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json", "--part", $"{k}/3")).ToList();

        Assert.All(parts, p => Assert.Equal(0, p.ExitCode));
        Assert.Equal(whole.OutputLines.Order(StringComparer.Ordinal), parts.SelectMany(p => p.OutputLines).Order(StringComparer.Ordinal));
        Assert.Contains(parts, p => p.OutputLines.Length > 0 && p.OutputLines.Length < whole.OutputLines.Length / 2);
        Assert.Matches(@"^part 2/3: events: 16 \(\d+ processed, 0 duplicates, 0 late, 0 rejected, 0 after --until, \d+ for other parts\) over \d+ accounts", parts[1].Error.Split('\n').First(l => l.StartsWith("part ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Simulate_InParts_ReportsAMalformedLineInThePartOfTheAccountItNames()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 12).SelectMany(i => new[]
        {
            $$$"""{"specversion":"1.0","id":"i{{{i}}}","source":"app","type":"user.invited","time":"2026-01-21T10:{{{i:D2}}}:00Z","accountid":"acct-{{{i}}}","userid":"u1","data":{"invitee_id":"u2","invitee_email":"bob{{{i}}}@acme.test"}}""",
            $$$"""{"specversion":"0.3","id":"bad{{{i}}}","source":"app","type":"user.invited","time":"2026-01-21T10:{{{i:D2}}}:30Z","accountid":"acct-{{{i}}}"}""",
        }));
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", lines + "\nnot json\n");

        var parts = Enumerable.Range(1, 3).Select(k => TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json", "--part", $"{k}/3")).ToList();

        var rejected = parts.Select(p => p.OutputLines.Where(l => l.Contains("\"kind\":\"rejected\"", StringComparison.Ordinal)).ToList()).ToList();
        Assert.Equal(13, rejected.Sum(r => r.Count));
        Assert.Single(rejected[0], l => !l.Contains("\"accountid\"", StringComparison.Ordinal)); // no account to go by: part 1
        for (var k = 0; k < 3; k++)
        {
            var accounts = parts[k].OutputLines.Where(l => !l.Contains("\"kind\":\"rejected\"", StringComparison.Ordinal))
                .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("accountid").GetString()).ToHashSet();
            Assert.All(rejected[k].Where(l => l.Contains("\"accountid\"", StringComparison.Ordinal)),
                l => Assert.Contains(System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("accountid").GetString(), accounts));
        }
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("a/b")]
    public void Simulate_APartThatIsNotKOfN_FailsWithTheFormToWrite(string part)
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--part", part);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"--part: '{part}' is not a part; write K/N with 1 <= K <= N, e.g. 1/4 (then 2/4, 3/4 and 4/4)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 100u, 100)]
    [InlineData(100, 5u, 5 + (1L << 32))] // the trailer keeps the size modulo 4 GiB: the smallest size not below the file
    [InlineData((5L << 30) + 7, 3u, (4L << 30) + 3 + (1L << 32))]
    public void GzipContentLength_FromTheTrailersSizeModulo4GiB_IsTheSmallestSizeNotBelowTheFile(long file, uint trailer, long expected)
    {
        Assert.Equal(expected, HistoryFile.AtLeast(file, trailer));
    }

    [Fact]
    public void Simulate_AGzNameOnAFileThatIsNotGzip_FailsWithOneLineThatSaysWhy()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl.gz", Events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl.gz");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("triggers: events.jsonl.gz is not a gzip file (it does not start with gzip's bytes 1f 8b): a name ending in .gz is read through gzip, " +
                     "so rename the file if it holds plain JSON lines", result.Error.Trim()); // audit #15: not "unsupported compression method"
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Asia/Tokyo")]
    public void Simulate_EventTimesWithoutAnOffset_AreUtcWhateverTheMachinesZone(string zone)
    {
        var unzoned = Events.Replace("Z\"", "\"", StringComparison.Ordinal);
        Assert.NotEqual(Events, unzoned);
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events).Write("unzoned.jsonl", unzoned);

        var utc = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");
        var elsewhere = TriggersProcess.Run(dir.Path, new Dictionary<string, string> { ["TZ"] = zone }, "simulate", "--events", "unzoned.jsonl", "--format", "json");

        Assert.Equal(0, elsewhere.ExitCode);
        string[] Actions(TriggersProcess.Result r) => [.. r.OutputLines.Where(l => l.Contains("\"kind\":\"action\"", StringComparison.Ordinal))];
        Assert.Equal(4, Actions(utc).Length);
        Assert.Equal(Actions(utc), Actions(elsewhere));
    }

    [Fact]
    public void Simulate_AllowedLatenessZero_IsTheDefaultWrittenOut()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Events);

        var zero = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json", "--allowed-lateness", "0");

        Assert.Equal(0, zero.ExitCode);
        Assert.Equal(TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json").Output, zero.Output);
    }

    [Fact]
    public void Simulate_BadOptionValues_AreRejectedWithTheExpectedForm()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--allowed-lateness", "ten minutes");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--allowed-lateness: 'ten minutes' is not a duration", result.Error);
    }

    [Fact]
    public void Simulate_NegativeLateness_IsCalledNegative_NotANonDuration()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks).Write("events.jsonl", Events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--allowed-lateness", "-5m");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--allowed-lateness: '-5m' is negative; lateness is how far behind the newest event of its account one may arrive: 0 or more, e.g. 10m", result.Error);
    }
}
