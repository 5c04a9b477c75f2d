using System.Diagnostics;

namespace Triggers.Cli.Tests;

/// <summary>Started with standard error closed, as a service or a script's <c>2&gt;&amp;-</c> leaves it.</summary>
public sealed class QuietErrorTests
{
    private static (int ExitCode, string Output) RunWithStderrClosed(string directory, string arguments)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {TriggersProcess.ShellCommand} {arguments} 2>&-");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
        return (process.ExitCode, output);
    }

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
}
