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
}
