namespace Triggers.Cli.Tests.Commands;

/// <summary>What the command line itself says: mistakes on stderr only, help that tells the truth (audit #13, #14).</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--until: 'garbage' is not a timestamp", "--events", "events.jsonl", "--until", "garbage")]
    [InlineData("Argument 'xml' not recognized", "--events", "events.jsonl", "--format", "xml")]
    [InlineData("Option '--events' is required", "--format", "json")]
    public void OptionError_GoesToStderrWithAPointerToHelp_AndNothingToStdout(string message, params string[] options)
    {
        using var dir = new TempDirectory().Write("events.jsonl", "");

        var result = TriggersProcess.Run(dir.Path, ["simulate", .. options]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output); // a pipeline reading --format json must not get help text
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.EndsWith("see 'triggers simulate --help'\n", result.Error.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_IsNamed_NotCalledMissing()
    {
        using var dir = new TempDirectory();

        var result = TriggersProcess.Run(dir.Path, "frob");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("triggers: unknown command 'frob'; the commands are: validate, test, simulate, explain, generate, report", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_StatesTheRealDefaultDirectory_AndMarksItOptional()
    {
        using var dir = new TempDirectory();

        var top = TriggersProcess.Run(dir.Path, "--help");
        var validate = TriggersProcess.Run(dir.Path, "validate", "--help");
        var simulate = TriggersProcess.Run(dir.Path, "simulate", "--help");

        Assert.Contains("  validate [DIR]  ", top.Output, StringComparison.Ordinal);
        Assert.Contains("  test [DIR]  ", top.Output, StringComparison.Ordinal);
        foreach (var help in new[] { top.Output, validate.Output, simulate.Output })
        {
            Assert.DoesNotContain("[default: .]", help, StringComparison.Ordinal);
        }

        Assert.Contains("(default: ./playbooks when it exists, else the current directory)", validate.Output, StringComparison.Ordinal);
        Assert.Contains("(default: ./playbooks when it exists, else the current directory)", simulate.Output, StringComparison.Ordinal);
    }
}
