using Triggers.Core.Tests.Support;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// The loader tells test files apart from the playbooks, broken ones included, so a broken test fails alone and
/// never stops the other tests or a replay that does not use tests.
/// </summary>
public sealed class TestFileErrorsTests
{
    private const string Playbook = """
        playbook: spike
        rules:
          - id: r
            when: { event: ticket.opened }
            do:
              - task: { title: t }
        """;

    private const string Test = """
        test: fires
        events:
          - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme }
        expect: []
        """;

    [Fact]
    public void BrokenTestFile_IsATestFileWithErrors_AndLeavesThePlaybooksClean()
    {
        var result = Sources.Load(("spike.yaml", Playbook), ("broken.test.yaml", "test: half written\nevents: [\n"), ("ok.test.yaml", Test),
            ("other.yaml", Test.Replace("fires", "a test in a file not named .test.yaml", StringComparison.Ordinal)));

        Assert.True(result.HasErrors);
        Assert.False(result.PlaybooksHaveErrors, string.Join("\n", result.PlaybookDiagnostics));
        Assert.Equal(["broken.test.yaml", "ok.test.yaml", "other.yaml"], result.TestFiles);
        Assert.All(result.Diagnostics.Where(d => d.IsError), d => Assert.Equal("broken.test.yaml", d.Location.File));
        Assert.Contains(result.DiagnosticsOf("broken.test.yaml"), d => d.Code == "TRG001");
    }

    [Fact]
    public void BrokenPlaybook_IsAPlaybookError()
    {
        var result = Sources.Load(("spike.yaml", Playbook.Replace("ticket.opened", "ticket opened", StringComparison.Ordinal)), ("ok.test.yaml", Test));

        Assert.True(result.PlaybooksHaveErrors);
        Assert.Contains(result.PlaybookDiagnostics, d => d.IsError && d.Location.File == "spike.yaml");
    }

    [Theory]
    [InlineData("2025-02-02T00:00:00Z", true)] // a year mistyped: nothing would be replayed, and expect: [] would pass for ever
    [InlineData("2026-02-01T10:00:00Z", false)] // at the first event: it is replayed
    [InlineData("2026-02-01T12:00:00Z", false)] // between the events: the first is replayed, the hint covers the second
    public void RunUntil_BeforeEveryEvent_IsAnErrorAtIt(string runUntil, bool error)
    {
        var test = Test.Replace("expect: []", $"  - {{ time: 2026-02-03T10:00:00Z, type: ticket.opened, accountid: acme }}\nrun_until: {runUntil}\nexpect: []", StringComparison.Ordinal);

        var diagnostics = Sources.Load(("spike.yaml", Playbook), ("t.test.yaml", test)).Diagnostics.Where(d => d.IsError).Select(d => d.ToString());

        Assert.Equal(error ? [$"t.test.yaml:5:12: error TRG018: run_until {runUntil} is before every event of the test (the first is at 2026-02-01T10:00:00Z), so nothing would be replayed"] : [],
            diagnostics);
    }

    [Fact]
    public void KeysThatAreNoText_InDataBodiesAndTests_AreErrorsAtTheKey_NotACrash()
    {
        // YAML allows any node as a key (? [a, b] : c); JSON names are text. Every command loads test files, so this
        // used to end every one of them with an InvalidCastException.
        var result = Sources.Load(
            ("p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: user.invited }\n    do:\n" +
                       "      - email: { to: a@b.test, template: x, data: { ? [a, b] : c } }\n" +
                       "      - webhook: { target: t, body: { x: { ? { k: v } : c } } }\n"),
            ("webhooks.yaml", "targets:\n  - name: t\n"),
            ("p.test.yaml", "test: t\nevents:\n  - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, data: { ? [a, b] : c } }\n" +
                            "expect:\n  - { action: emit, data: { ? [a] : b } }\n"));

        Assert.Equal(
            ["p.test.yaml:3:82: error TRG003: a key in event data must be plain text, not a list",
             "p.test.yaml:5:31: error TRG003: a key in the expected data must be plain text, not a list",
             "p.yaml:6:55: error TRG003: a key in a JSON body or data must be plain text, not a list",
             "p.yaml:7:46: error TRG003: a key in a JSON body or data must be plain text, not a mapping"],
            result.Diagnostics.Select(d => d.ToString()).Order(StringComparer.Ordinal));
    }
}
