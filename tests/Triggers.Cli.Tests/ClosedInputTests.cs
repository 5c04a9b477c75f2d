using System.Diagnostics;

namespace Triggers.Cli.Tests;

/// <summary>
/// Started with standard input closed (<c>&lt;&amp;-</c>, a service without one), <c>--events -</c> says so and exits
/// 1: the runtime's own pipe took descriptor 0, and reading it waited for ever.
/// </summary>
public sealed class ClosedInputTests
{
    [Theory]
    [InlineData("simulate --events -")]
    [InlineData("explain --events /dev/stdin --account acme")]
    public async Task EventsFromStandardInput_WhenItIsClosed_IsAnErrorNotAWaitForEver(string arguments)
    {
        using var dir = new TempDirectory().Write("playbooks/p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: a.b }\n    do:\n      - task: { title: t }\n");
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = dir.Path, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {TriggersProcess.ShellCommand} {arguments} <&-");

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var ended = process.WaitForExit(TimeSpan.FromSeconds(60));
        if (!ended)
        {
            process.Kill();
        }

        Assert.True(ended, "still waiting on standard input after a minute");
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("triggers: standard input is closed, so there is no history to read on it; give --events FILE, or pipe one in", await error, StringComparison.Ordinal);
    }
}
