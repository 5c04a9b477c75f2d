using System.Diagnostics;

namespace Triggers.Cli.Tests;

/// <summary>
/// Output into a pipe whose reader has gone (a consumer that died half way, <c>| head</c>) ends the command quietly with
/// 141, as SIGPIPE ends Unix tools: the console's own stream dropped the output and the command ended 0 with a normal summary.
/// </summary>
public sealed class BrokenPipeTests
{
    [Theory]
    [InlineData("simulate --events events.jsonl --format json")]
    [InlineData("explain --events events.jsonl --account acme")]
    public async Task Output_IntoAPipeNobodyReads_Ends141_Quietly(string arguments)
    {
        var events = string.Concat(Enumerable.Range(0, 2000).Select(i =>
            $$"""{"specversion":"1.0","id":"e{{i}}","source":"s","type":"a.b","time":"2026-01-01T{{i / 3600 % 24:00}}:{{i / 60 % 60:00}}:{{i % 60:00}}Z","accountid":"acme"}""" + "\n"));
        using var dir = new TempDirectory().Write("playbooks/p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: a.b }\n    do:\n      - task: { title: t }\n")
            .Write("events.jsonl", events);
        var start = new ProcessStartInfo("/bin/bash") { WorkingDirectory = dir.Path, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        // The reader exits at once; the command writes thousands of lines after that.
        start.ArgumentList.Add($"{TriggersProcess.ShellCommand} {arguments} | true; exit ${{PIPESTATUS[0]}}");

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(141, process.ExitCode);
        Assert.DoesNotContain("events:", await error, StringComparison.Ordinal); // no summary of a run whose output was lost
    }
}
