using System.Net.Sockets;

namespace Triggers.Cli.Tests;

/// <summary>What a playbook folder may hold besides playbooks: things named *.yaml that are not files to read.</summary>
public sealed class PlaybookFilesTests
{
    private const string Playbook = WelcomePlaybook.Yaml;

    private const string Test = """
        test: greets
        events:
          - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1 }
        expect:
          - { rule: welcome/greet, action: task }
        """;

    private const string Journey = "journey: j\nstages:\n  - { id: start, name: Start, entered_when: { event: user.invited } }\ntouchpoints: []\n";

    private const string Events = """
        {"specversion":"1.0","id":"e1","source":"app","type":"user.invited","time":"2026-01-05T10:00:00Z","accountid":"acme","userid":"u1"}

        """;

    [Theory]
    [InlineData("validate", "playbooks")]
    [InlineData("test", "playbooks")]
    [InlineData("simulate", "--events", "events.jsonl")]
    [InlineData("report", "--events", "events.jsonl", "--out", "map.html")]
    [InlineData("explain", "--events", "events.jsonl", "--account", "acme")]
    public void ANamedPipeCalledYaml_IsLeftOutWithAWarning_NotWaitedOnForEver(params string[] args)
    {
        // Opened to be read, a FIFO waits for a writer: the command hung until it was killed.
        using var dir = new TempDirectory()
            .Write("playbooks/welcome.yaml", Playbook).Write("playbooks/welcome.test.yaml", Test)
            .Write("playbooks/journeys/j.yaml", Journey).Write("events.jsonl", Events)
            .Fifo("playbooks/stuck.yaml").Fifo("playbooks/stuck.test.yaml");

        var result = TriggersProcess.Run(dir.Path, args);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("triggers: warning: playbooks/stuck.yaml is not read: it is a named pipe (FIFO), not a regular file\n", result.Error, StringComparison.Ordinal);
        Assert.Contains("triggers: warning: playbooks/stuck.test.yaml is not read: it is a named pipe (FIFO), not a regular file\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ATestFileThatCannotBeRead_FailsAsATest_WhileTheOthersRunAndTheReplaysGoOn()
    {
        // A loop of links cannot be read (nor can a file without permission, which root could read all the same).
        using var dir = new TempDirectory()
            .Write("playbooks/welcome.yaml", Playbook).Write("playbooks/welcome.test.yaml", Test).Write("events.jsonl", Events);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "playbooks", "a.test.yaml"), "b.test.yaml");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "playbooks", "b.test.yaml"), "a.test.yaml");

        var test = TriggersProcess.Run(dir.Path, "test", "playbooks");
        var simulate = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");

        Assert.Equal(1, test.ExitCode);
        Assert.Contains("playbooks/a.test.yaml:1:1: error TRG024: the file cannot be read: ", test.Output + test.Error, StringComparison.Ordinal);
        Assert.Contains("PASS playbooks/welcome.test.yaml: greets", test.Output, StringComparison.Ordinal);
        Assert.EndsWith("1 passed, 2 failed", test.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.True(simulate.ExitCode == 0, simulate.Error);
        Assert.Contains("welcome/greet", simulate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void APlaybookThatCannotBeRead_IsAnErrorAtIt_NotAStop()
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "playbooks", "a.yaml"), "b.yaml");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "playbooks", "b.yaml"), "a.yaml");

        var result = TriggersProcess.Run(dir.Path, "validate", "playbooks");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("playbooks/a.yaml:1:1: error TRG024: the file cannot be read: ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains("playbooks/b.yaml:1:1: error TRG024: the file cannot be read: ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains("2 errors", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ASocketALinkToADeviceAndALinkToAPipe_AreEachLeftOutWithAWarningSayingWhatTheyAre()
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook).Fifo("pipe");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "playbooks", "null.yaml"), "/dev/null");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "playbooks", "pipe.yaml"), Path.Combine(dir.Path, "pipe"));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(dir.Path, "playbooks", "socket.yaml")));

        var result = TriggersProcess.Run(dir.Path, "validate", "playbooks");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "triggers: warning: playbooks/null.yaml is not read: it is a link to /dev/null, a character device, not a regular file",
                $"triggers: warning: playbooks/pipe.yaml is not read: it is a link to {Path.Combine(dir.Path, "pipe")}, a named pipe (FIFO), not a regular file",
                "triggers: warning: playbooks/socket.yaml is not read: it is a socket, not a regular file",
            ],
            result.Error.Split('\n').Where(l => l.Contains("is not read", StringComparison.Ordinal)));
        Assert.Contains("0 errors, 3 warnings: 1 playbook, 1 rule", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void FileKind_TellsRegularFilesAndFoldersFromPipesAndDevices()
    {
        using var dir = new TempDirectory().Write("plain.yaml", Playbook).Fifo("pipe.yaml");

        Assert.Null(FileKind.NotRegular(Path.Combine(dir.Path, "plain.yaml")));
        Assert.Null(FileKind.NotRegular(dir.Path));
        Assert.Null(FileKind.NotRegular(Path.Combine(dir.Path, "gone.yaml")));
        Assert.Equal("a named pipe (FIFO)", FileKind.NotRegular(Path.Combine(dir.Path, "pipe.yaml")));
        Assert.Equal("a character device", FileKind.NotRegular("/dev/null"));
    }
}
