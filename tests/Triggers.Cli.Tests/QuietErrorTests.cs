using System.Diagnostics;

namespace Triggers.Cli.Tests;

/// <summary>Started with standard error or output closed, as a service or a script's <c>2&gt;&amp;-</c> or <c>&gt;&amp;-</c> leaves it.</summary>
public sealed class QuietErrorTests
{
    /// <summary>Runs with one standard stream closed (<paramref name="closing"/>, such as <c>2&gt;&amp;-</c>), reading the other.</summary>
    private static (int ExitCode, string Other) RunWith(string closing, string directory, string arguments)
    {
        var stderrClosed = closing.StartsWith('2');
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = stderrClosed,
            RedirectStandardError = !stderrClosed,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {TriggersProcess.ShellCommand} {arguments} {closing}");
        using var process = Process.Start(start)!;
        var other = (stderrClosed ? process.StandardOutput : process.StandardError).ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
        return (process.ExitCode, other);
    }

    private static (int ExitCode, string Output) RunWithStderrClosed(string directory, string arguments) => RunWith("2>&-", directory, arguments);

    private static (int ExitCode, string Error) RunWithStdoutClosed(string directory, string arguments) => RunWith(">&-", directory, arguments);

    [Fact]
    public void Simulate_WithStderrClosed_StillWritesItsOutcomes_AndExits0_NotAborts()
    {
        using var dir = new TempDirectory()
            .Write("playbooks/p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: a.b }\n    do:\n      - task: { title: t }\n")
            .Write("events.jsonl", "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"s\",\"type\":\"a.b\",\"time\":\"2026-01-05T10:00:00Z\",\"accountid\":\"acme\"}\n");

        var (exitCode, output) = RunWithStderrClosed(dir.Path, "simulate --events events.jsonl --format json");

        Assert.Equal(0, exitCode); // was 134: the summary's write failed, and so did the report of that failure
        Assert.StartsWith("{\"kind\":\"action\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailure_WithStderrClosed_StillExits1()
    {
        using var dir = new TempDirectory().Write("playbooks/p.yaml", "playbook: p\nrules: []\n");

        var (exitCode, _) = RunWithStderrClosed(dir.Path, "simulate --events missing.jsonl");

        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Simulate_WithStdoutClosed_SaysItsOutcomesGoNowhere_AndStillReplays()
    {
        // Was "triggers: Access to the path is denied." and exit 1 (the JIT host's own pipe sat on descriptor 1), and
        // the native build wrote the outcomes into standard error instead.
        using var dir = new TempDirectory()
            .Write("playbooks/p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: a.b }\n    do:\n      - task: { title: t }\n")
            .Write("events.jsonl", "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"s\",\"type\":\"a.b\",\"time\":\"2026-01-05T10:00:00Z\",\"accountid\":\"acme\"}\n");

        var (exitCode, error) = RunWithStdoutClosed(dir.Path, "simulate --events events.jsonl --format json");

        Assert.Equal(0, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("warning: standard output is closed, so what this command prints goes nowhere; redirect it to a file or to /dev/null", lines[0]);
        Assert.StartsWith("events: 1 (1 processed", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
    }

    [Fact]
    public void Validate_WithStdoutClosed_StillExits1OnAnError()
    {
        using var dir = new TempDirectory().Write("playbooks/p.yaml", "playbook: p\nrules: [\n");

        var (exitCode, error) = RunWithStdoutClosed(dir.Path, "validate playbooks");

        Assert.Equal(1, exitCode);
        Assert.Contains("standard output is closed", error, StringComparison.Ordinal);
    }
}
