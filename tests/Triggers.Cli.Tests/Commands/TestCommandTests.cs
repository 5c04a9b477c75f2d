namespace Triggers.Cli.Tests.Commands;

public sealed class TestCommandTests
{
    private const string Playbook = """
        playbook: spike
        rules:
          - id: three-tickets
            when:
              count: { event: ticket.opened, at_least: 3, within: 7d }
            do:
              - task: { title: "Ticket spike at {{ account.name }}", assignee: "{{ account.csm_email }}" }
        """;

    private const string Events = """
        events:
          - { time: 2026-02-01T09:00:00Z, type: account.updated, accountid: acme, data: { name: Acme, csm_email: cs@vendor.test } }
          - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme }
          - { time: 2026-02-02T10:00:00Z, type: ticket.opened, accountid: acme }
          - { time: 2026-02-03T10:00:00Z, type: ticket.opened, accountid: acme }

        """;

    [Fact]
    public void Test_PassingAndFailingTests_ReportsEachAndEndsWithTheCountLine()
    {
        using var dir = new TempDirectory()
            .Write("spike.yaml", Playbook)
            .Write("spike.fires.test.yaml", "test: fires on the third ticket\n" + Events + """
                expect:
                  - { time: 2026-02-03T10:00:00Z, rule: spike/three-tickets, action: task, assignee: cs@vendor.test }
                expect_only: true
                """)
            .Write("spike.wrong.test.yaml", "test: expects the wrong day\n" + Events + """
                expect:
                  - { time: 2026-02-02T10:00:00Z, rule: spike/three-tickets, action: task }
                expect_only: true
                """);

        var result = TriggersProcess.Run(dir.Path, "test", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("1 passed, 1 failed", result.OutputLines[^1]);
        Assert.Contains("PASS spike.fires.test.yaml: fires on the third ticket", result.Output);
        Assert.Contains("FAIL spike.wrong.test.yaml:1:1: expects the wrong day", result.Output);
        Assert.Contains("- 2026-02-02T10:00:00Z action task rule=spike/three-tickets", result.Output);
        Assert.Contains("+ 2026-02-03T10:00:00Z action task accountid=acme rule=spike/three-tickets title='Ticket spike at Acme'", result.Output);
    }

    [Fact]
    public void Test_GivenOneTestFile_RunsOnlyThatFilesTests_WithTheDirectorysPlaybooks()
    {
        using var dir = new TempDirectory()
            .Write("playbooks/spike.yaml", Playbook)
            .Write("playbooks/spike.fires.test.yaml", "test: fires on the third ticket\n" + Events + "expect:\n  - { rule: spike/three-tickets, action: task }\n")
            .Write("playbooks/spike.wrong.test.yaml", "test: expects nothing\n" + Events + "expect: []\nexpect_only: true\n");

        var one = TriggersProcess.Run(dir.Path, "test", "playbooks/spike.fires.test.yaml");
        var notATest = TriggersProcess.Run(dir.Path, "test", "playbooks/spike.yaml");

        Assert.Equal(0, one.ExitCode);
        Assert.Equal("1 passed, 0 failed", one.OutputLines[^1]);
        Assert.DoesNotContain("expects nothing", one.Output);
        Assert.Equal(1, notATest.ExitCode);
        Assert.Contains("triggers: no tests in", notATest.Error);
    }

    [Theory]
    [InlineData("playbooks/")] // a repository with a playbooks folder, run from its root
    [InlineData("")] // a playbooks folder run from inside
    public void Test_GivenOneTestFileInASubfolder_LoadsThePlaybooksAPlainRunWould(string root)
    {
        // The test lives in playbooks/tests/; its playbook one folder up. Given alone it must see the same playbooks
        // as in a run of every test: the wrong one fails, the right one passes (audit 36: loading only tests/ passed
        // the wrong one with no playbook at all).
        using var dir = new TempDirectory()
            .Write($"{root}spike.yaml", Playbook)
            .Write($"{root}tests/spike.fires.test.yaml", "test: fires on the third ticket\n" + Events + "expect:\n  - { rule: spike/three-tickets, action: task }\n")
            .Write($"{root}tests/spike.wrong.test.yaml", "test: expects nothing\n" + Events + "expect: []\nexpect_only: true\n");

        var right = TriggersProcess.Run(dir.Path, "test", $"{root}tests/spike.fires.test.yaml");
        var wrong = TriggersProcess.Run(dir.Path, "test", $"{root}tests/spike.wrong.test.yaml");

        Assert.Equal("1 passed, 0 failed", right.OutputLines[^1]);
        Assert.Equal(0, right.ExitCode);
        Assert.Equal("0 passed, 1 failed", wrong.OutputLines[^1]);
        Assert.Equal(1, wrong.ExitCode);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("journeys")]
    public void Test_AFolderWithoutAnyTestFile_FailsSayingSo_AndStillEndsWithTheCountLine(string folder)
    {
        // A CI job that runs 'triggers test' on the wrong folder must not pass having tested nothing.
        using var dir = new TempDirectory()
            .Write("spike.yaml", Playbook)
            .Write("journeys/j.yaml", "journey: j\nstages:\n  - { id: start, name: Start, entered_when: { event: ticket.opened } }\ntouchpoints: []\n");

        var result = TriggersProcess.Run(dir.Path, "test", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["0 passed, 0 failed"], result.OutputLines);
        Assert.Equal($"triggers: no test files found under '{folder}': test files are named *.test.yaml (e.g. invite.fires.test.yaml beside invite.yaml)", result.Error.Trim());
    }

    [Theory]
    [InlineData("empty")] // a folder with no YAML at all
    [InlineData("missing")] // no such folder
    public void Test_AFolderWithNothingToLoad_StillEndsWithTheCountLine(string folder)
    {
        using var dir = new TempDirectory().Write("empty/readme.txt", "nothing here\n");

        var result = TriggersProcess.Run(dir.Path, "test", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["0 passed, 0 failed"], result.OutputLines);
        Assert.StartsWith("triggers: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_GivenAFileThatIsNoYaml_SaysItIsNotATestFile()
    {
        using var dir = new TempDirectory().Write("events.jsonl", "{}\n");

        var result = TriggersProcess.Run(dir.Path, "test", "events.jsonl");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("triggers: 'events.jsonl' is not a test file; test takes the playbook directory or one *.test.yaml file", result.Error.Trim());
    }

    [Fact]
    public void Test_EventsListedOutOfOrder_PointsAtTheLateEvent_AndSaysHowToListThem()
    {
        // The account.updated is listed after a ticket two days later: it arrives late and its traits never apply.
        using var dir = new TempDirectory()
            .Write("spike.yaml", Playbook)
            .Write("spike.test.yaml", """
                test: traits listed last
                events:
                  - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme }
                  - { time: 2026-02-02T10:00:00Z, type: ticket.opened, accountid: acme }
                  - { time: 2026-02-03T10:00:00Z, type: ticket.opened, accountid: acme }
                  - { time: 2026-02-01T08:00:00Z, type: account.updated, accountid: acme, data: { name: Acme, csm_email: cs@vendor.test } }
                expect:
                  - { rule: spike/three-tickets, action: task, assignee: cs@vendor.test }
                """);

        var result = TriggersProcess.Run(dir.Path, "test", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2026-02-01T08:00:00Z late accountid=acme reason='arrived 2d 2h behind the newest event of its account; allowed lateness is 0' trigger_event=spike.test.yaml#0004    (spike.test.yaml:6:5)", result.Output);
        Assert.Contains("hint: events are fed in the order they are listed", result.Output);
        Assert.Contains("'allowed_lateness: 50h'", result.Output);
    }

    [Fact]
    public void Test_BrokenTestFile_CountsAsFailedWithItsErrors_AndEveryOtherTestStillRuns()
    {
        using var dir = new TempDirectory()
            .Write("spike.yaml", Playbook)
            .Write("broken.test.yaml", "test: half written\nevents: [\n")
            .Write("ok.test.yaml", "test: fires\n" + Events + "expect:\n  - { rule: spike/three-tickets, action: task }\n");

        var result = TriggersProcess.Run(dir.Path, "test", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^broken\.test\.yaml:\d+:\d+: error TRG001: ", result.OutputLines[0]);
        Assert.Contains("FAIL broken.test.yaml: not run: the file has 1 error (above)", result.OutputLines);
        Assert.Contains("PASS ok.test.yaml: fires", result.OutputLines);
        Assert.Equal("1 passed, 1 failed", result.OutputLines[^1]);
        Assert.DoesNotContain("tests not run", result.Error);
    }

    [Fact]
    public void Test_GivenOneTestFile_IsNotStoppedByABrokenSibling()
    {
        using var dir = new TempDirectory()
            .Write("playbooks/spike.yaml", Playbook)
            .Write("playbooks/broken.test.yaml", "test: half written\nevents: [\n")
            .Write("playbooks/ok.test.yaml", "test: fires\n" + Events + "expect:\n  - { rule: spike/three-tickets, action: task }\n");

        var result = TriggersProcess.Run(dir.Path, "test", "playbooks/ok.test.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["PASS playbooks/ok.test.yaml: fires", "1 passed, 0 failed"], result.OutputLines);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Test_PlaybookWithErrors_CountsEveryTestAsFailed_SaysWhy_AndEndsWithTheCountLine()
    {
        using var dir = new TempDirectory()
            .Write("spike.yaml", Playbook.Replace("at_least: 3", "at_least: three", StringComparison.Ordinal))
            .Write("a.test.yaml", "test: fires\n" + Events + "expect:\n  - { rule: spike/three-tickets, action: task }\n")
            .Write("b.test.yaml", "test: fires too\n" + Events + "expect: []\n");

        var result = TriggersProcess.Run(dir.Path, "test", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.OutputLines, l => l.StartsWith("spike.yaml:", StringComparison.Ordinal) && l.Contains(": error ", StringComparison.Ordinal));
        Assert.Contains("tests not run: the playbooks have errors (above), so all 2 tests count as failed", result.Error);
        Assert.Equal("0 passed, 2 failed", result.OutputLines[^1]);
    }

    [Fact]
    public void Test_AllPassing_ExitsZero()
    {
        using var dir = new TempDirectory()
            .Write("spike.yaml", Playbook)
            .Write("spike.test.yaml", "test: fires\n" + Events + "expect:\n  - { rule: spike/three-tickets, action: task }\nexpect_only: true\n");

        var result = TriggersProcess.Run(dir.Path, "test", ".");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1 passed, 0 failed", result.OutputLines[^1]);
    }

    [Fact]
    public void Test_FailureQuotingEscSequencesAndBidiOverrides_PrintsThemEscaped()
    {
        // The test's name, the expected title, the actual title (from event data) and the reason an email was
        // suppressed (its address) all reach the terminal; none may drive it or reorder the line.
        using var dir = new TempDirectory()
            .Write("mail.yaml", """
                playbook: mail
                rules:
                  - id: hello
                    when: { event: ticket.opened }
                    do:
                      - email: { to: "{{ event.data.to }}", template: hi }
                      - task: { title: "{{ event.data.title }}" }
                """)
            .Write("mail.test.yaml", """
                test: "clears\e[2J the screen"
                events:
                  - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { to: "x\e]0;pwned\a", title: "abc\u202Efed" } }
                expect:
                  - { rule: mail/hello, action: email }
                  - { rule: mail/hello, action: task, title: "\u2066t\e[1m" }
                """);

        var result = TriggersProcess.Run(dir.Path, "test", ".");

        Assert.Equal(1, result.ExitCode);
        TerminalText.AssertSafe(result.Output);
        Assert.Contains(@"FAIL mail.test.yaml:1:1: clears\u001b[2J the screen", result.OutputLines);
        Assert.Contains(@"title is 'abc\u202efed', not '\u2066t\u001b[1m'", result.Output);
        Assert.Contains(@"reason invalid-recipient: ", result.Output);
        Assert.Contains(@"x\u001b]0;pwned\u0007", result.Output);
        Assert.Equal("0 passed, 1 failed", result.OutputLines[^1]);
    }

    [Fact]
    public void Test_WarningsAboutThePlaybooks_ArePrinted_AndDoNotFailTheRun()
    {
        // A stage no journey defines and a playbook with no rules are warnings: 'validate' shows them, and so must
        // 'test', which is what CS ops run most.
        using var dir = new TempDirectory()
            .Write("spike.yaml", Playbook.Replace("playbook: spike", "playbook: spike\nstage: onboarding", StringComparison.Ordinal))
            .Write("idle.yaml", "playbook: idle\nrules: []\n")
            .Write("spike.test.yaml", "test: fires\n" + Events + "expect:\n  - { rule: spike/three-tickets, action: task }\n");

        var result = TriggersProcess.Run(dir.Path, "test", ".");
        var one = TriggersProcess.Run(dir.Path, "test", "spike.test.yaml");

        Assert.Equal((0, 0), (result.ExitCode, one.ExitCode));
        foreach (var run in new[] { result, one })
        {
            Assert.Contains(run.OutputLines, l => l.StartsWith("idle.yaml:2:1: warning TRG200: ", StringComparison.Ordinal));
            Assert.Contains(run.OutputLines, l => l.StartsWith("spike.yaml:2:8: warning TRG008: stage 'onboarding'", StringComparison.Ordinal));
            Assert.Contains("PASS spike.test.yaml: fires", run.OutputLines);
            Assert.Equal("1 passed, 0 failed", run.OutputLines[^1]);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("# test: fires on the third ticket\n# (commented out while the playbook changes)\n")]
    public void Test_TestFileHoldingNoTest_CountsAsFailed_SoAnEmptiedFileNeverPasses(string text)
    {
        using var dir = new TempDirectory()
            .Write("spike.yaml", Playbook)
            .Write("empty.test.yaml", text)
            .Write("ok.test.yaml", "test: fires\n" + Events + "expect:\n  - { rule: spike/three-tickets, action: task }\n");

        var result = TriggersProcess.Run(dir.Path, "test", ".");
        var one = TriggersProcess.Run(dir.Path, "test", "empty.test.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.OutputLines, l => l.StartsWith("empty.test.yaml:1:1: warning TRG203: ", StringComparison.Ordinal));
        Assert.Contains("FAIL empty.test.yaml: not run: the file holds no test", result.OutputLines);
        Assert.Contains("PASS ok.test.yaml: fires", result.OutputLines);
        Assert.Equal("1 passed, 1 failed", result.OutputLines[^1]);
        Assert.Equal(1, one.ExitCode);
        Assert.Equal("0 passed, 1 failed", one.OutputLines[^1]);
        Assert.Contains("FAIL empty.test.yaml: not run: the file holds no test", one.OutputLines);
        Assert.DoesNotContain("ok.test.yaml", one.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_PlaybookWithAYamlSyntaxError_PrintsThatError_NotTheTestsReferencesToWhatItDefines()
    {
        // The test names the playbook and its rule; both are unknown only because the playbook could not be read.
        using var dir = new TempDirectory()
            .Write("spike.yaml", Playbook.Replace("at_least: 3, within: 7d }", "at_least: 3, within: 7d", StringComparison.Ordinal))
            .Write("spike.test.yaml", "test: fires\nplaybooks: [spike]\n" + Events + "expect:\n  - { rule: spike/three-tickets, action: task }\n");

        var result = TriggersProcess.Run(dir.Path, "test", ".");

        Assert.Equal(1, result.ExitCode);
        var errors = result.OutputLines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("spike.yaml:", Assert.Single(errors), StringComparison.Ordinal);
        Assert.Contains("error TRG001", errors[0], StringComparison.Ordinal);
        Assert.Contains("tests not run: the playbooks have errors (above), so all 1 test count as failed", result.Error);
        Assert.Equal("0 passed, 1 failed", result.OutputLines[^1]);
    }
}
