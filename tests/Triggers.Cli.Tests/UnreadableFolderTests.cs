using System.Diagnostics;

namespace Triggers.Cli.Tests;

/// <summary>
/// A folder under the playbooks that cannot be listed hides what is in it: an error (TRG024, exit 1) as an unreadable
/// file is, not a clean validate and a replay without those playbooks. Run as another user when the tests run as root,
/// for whom permissions are no bar.
/// </summary>
public sealed class UnreadableFolderTests
{
    private static string Playbook(string id) => $"playbook: {id}\nrules:\n  - id: r\n    when: {{ event: a.b }}\n    do:\n      - task: {{ title: t }}\n";

    [Fact]
    public async Task Validate_AFolderThatCannotBeListed_IsAnErrorNamingIt_AndTheTopOneSaysSo()
    {
        using var dir = new TempDirectory().Write("pb/top.yaml", Playbook("top")).Write("pb/sub/inner.yaml", Playbook("inner"));
        Chmod("a+rwx", dir.Path);
        Chmod("-R a+rX", Path.Combine(dir.Path, "pb"));
        Chmod("000", Path.Combine(dir.Path, "pb", "sub"));

        var (code, output, error) = await RunAsOther(dir.Path, "validate pb");
        var (topCode, _, topError) = await RunAsOther(dir.Path, "validate pb/sub");
        Chmod("700", Path.Combine(dir.Path, "pb", "sub")); // so the directory can be removed

        Assert.Equal(1, code);
        Assert.Contains("pb/sub/:1:1: error TRG024: the folder cannot be read, so the playbooks, journeys and tests in it are not: ", output, StringComparison.Ordinal);
        Assert.Contains("1 error", error, StringComparison.Ordinal);
        Assert.Equal(1, topCode);
        Assert.Contains("triggers: directory 'pb/sub' cannot be read: ", topError, StringComparison.Ordinal);
    }

    private static void Chmod(string mode, string path)
    {
        using var chmod = Process.Start("/bin/sh", ["-c", $"chmod {mode} '{path}'"]);
        chmod.WaitForExit();
        Assert.Equal(0, chmod.ExitCode);
    }

    /// <summary>Runs triggers as the user 'nobody' when the tests run as root, else as the current user.</summary>
    private static async Task<(int Code, string Output, string Error)> RunAsOther(string directory, string arguments)
    {
        var root = Environment.UserName == "root";
        var command = root
            ? $"exec setpriv --reuid=65534 --regid=65534 --clear-groups env HOME='{directory}' DOTNET_CLI_HOME='{directory}' {TriggersProcess.ShellCommand} {arguments}"
            : $"exec {TriggersProcess.ShellCommand} {arguments}";
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
