namespace Triggers.Cli.Tests.Commands;

/// <summary>What the command line itself says: mistakes on stderr only, help that tells the truth (audit #13, #14).</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("triggers: --until: 'garbage' is not a timestamp", "--events", "events.jsonl", "--until", "garbage")]
    [InlineData("triggers: --format: 'xml' is not a format; write table or json", "--events", "events.jsonl", "--format", "xml")]
    [InlineData("triggers: --events is required", "--format", "json")]
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
    public void HelpAsACommand_PointsAtTheHelpOption()
    {
        using var dir = new TempDirectory();

        var result = TriggersProcess.Run(dir.Path, "help");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("triggers: there is no 'help' command; help is an option: triggers --help, or triggers COMMAND --help\n", result.Error, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("triggers: unknown option '--evnets'; did you mean '--events'?", "simulate", "--evnets", "events.jsonl")] // not also "--events is required"
    [InlineData("triggers: unknown option '--Format'; did you mean '--format'?", "simulate", "--events", "events.jsonl", "--Format", "json")]
    [InlineData("triggers: unknown option '--fromat'; did you mean '--format'?", "simulate", "--format", "json", "--fromat", "json", "--events", "events.jsonl")] // the same value twice: only the mistyped one's is left over
    [InlineData("triggers: unknown option '--playbook'; did you mean '--playbooks'?", "simulate", "--playbooks", ".", "--playbook", ".", "--events", "events.jsonl")]
    [InlineData("triggers: unknown option '--output'; did you mean '--out'?", "report", "--events", "events.jsonl", "--output", "map.html")]
    [InlineData("triggers: unknown option '-f'; did you mean '--format'?", "simulate", "--events", "events.jsonl", "-f", "json")]
    [InlineData("triggers: unknown option '--acount'; did you mean '--account'?", "explain", "--events", "events.jsonl", "--acount", "acme")]
    [InlineData("triggers: unknown option '--verbose'; test takes [DIR] and no options but --help", "test", "--verbose")]
    [InlineData("triggers: unknown option '--strict'; validate takes [DIR] and no options but --help", "validate", "--strict", ".")]
    [InlineData("triggers: validate takes the playbook directory as its argument, not as --playbooks: triggers validate DIR", "validate", "--playbooks", ".")]
    [InlineData("triggers: unexpected argument 'extra'; simulate takes only options: --playbooks, --events, --until, --allowed-lateness, --format, --show-timers, --part", "simulate", "--events", "events.jsonl", "extra")]
    [InlineData("triggers: --format is given 2 times; give it once", "simulate", "--events", "events.jsonl", "--format", "json", "--format", "table")]
    [InlineData("triggers: --until needs a value", "simulate", "--events", "events.jsonl", "--until")]
    [InlineData("triggers: --segment: the trait is empty; give the name of an account trait, such as plan", "report", "--events", "events.jsonl", "--out", "map.html", "--segment", "")]
    public void AMistypedOption_IsOneTriggersLine_NamingTheOptionMeant(string message, params string[] args)
    {
        using var dir = new TempDirectory().Write("events.jsonl", "");

        var result = TriggersProcess.Run(dir.Path, args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal($"{message}\nsee 'triggers {args[0]} --help'", result.Error.Replace("\r", "", StringComparison.Ordinal).Trim());
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("Json")]
    public void SimulateFormat_InAnyCase_IsAccepted(string format)
    {
        using var dir = new TempDirectory().Write("playbooks/p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: a.b }\n    do:\n      - task: { title: t }\n")
            .Write("events.jsonl", "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"s\",\"type\":\"a.b\",\"time\":\"2026-01-05T10:00:00Z\",\"accountid\":\"acme\"}\n");

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", format);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("{\"kind\":\"action\"", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("02/01/2026")] // .NET alone reads this as 1 February; a European means 2 January
    [InlineData("Feb 1 2026")]
    [InlineData("1 February 2026")]
    [InlineData("2026-02-01T10")]
    [InlineData("0")]
    [InlineData("1h30m")]
    public void Until_NotInIso8601_IsRefused_RatherThanGuessed(string until)
    {
        using var dir = new TempDirectory().Write("events.jsonl", "");

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--until", until);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"triggers: --until: '{until}' is not a timestamp; write ISO 8601 such as 2026-06-30T00:00:00Z or 2026-06-30", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-01-06", 1)] // its midnight, UTC
    [InlineData("2026-01-06T00:00:00Z", 1)]
    [InlineData("2026-01-06 00:00", 1)]
    [InlineData("2026-01-06T02:00:00+02:00", 1)]
    [InlineData("2026-01-05T09:59:59.5Z", 0)]
    public void Until_InIso8601_IsReadAsThatInstant(string until, int actions)
    {
        using var dir = new TempDirectory().Write("playbooks/p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: a.b }\n    do:\n      - task: { title: t }\n")
            .Write("events.jsonl", "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"s\",\"type\":\"a.b\",\"time\":\"2026-01-05T10:00:00Z\",\"accountid\":\"acme\"}\n" +
                                   "{\"specversion\":\"1.0\",\"id\":\"e2\",\"source\":\"s\",\"type\":\"a.b\",\"time\":\"2026-01-06T00:00:01Z\",\"accountid\":\"acme\"}\n");

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--until", until, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(actions, result.OutputLines.Count(l => l.StartsWith("{\"kind\":\"action\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("1h30m", "90m")]
    [InlineData("1d12h", "36h")]
    [InlineData("2m30s", "150s")]
    [InlineData("1w7d", "2w")]
    public void AllowedLateness_InSeveralUnits_SaysHowToWriteItInOne(string lateness, string single)
    {
        using var dir = new TempDirectory().Write("events.jsonl", "");

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--allowed-lateness", lateness);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"triggers: --allowed-lateness: '{lateness}' is not a duration; a duration has one unit: write {single}\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateStart_NotInIso8601_IsRefused()
    {
        using var dir = new TempDirectory();

        var result = TriggersProcess.Run(dir.Path, "generate", "--start", "03/01/2026", "--out", "x.jsonl");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("triggers: --start: '03/01/2026' is not a date", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("test")]
    [InlineData("simulate")]
    [InlineData("explain")]
    [InlineData("report")]
    [InlineData("generate")]
    public void HelpExamples_EachRunsAsWritten_AndValueNamesSayWhatToGive(string command)
    {
        using var dir = new TempDirectory();
        CopyPlaybooks(Path.Combine(dir.Path, "playbooks"));
        Assert.Equal(0, TriggersProcess.Run(dir.Path, "generate", "--accounts", "50", "--events", "2000", "--seed", "1", "--out", "history.jsonl").ExitCode);
        Assert.Equal(0, RunShell(dir.Path, "gzip -k history.jsonl").ExitCode);

        var help = TriggersProcess.Run(dir.Path, command, "--help").Output;
        var examples = help[(help.IndexOf("Examples:\n", StringComparison.Ordinal) + 10)..].Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.NotEmpty(examples);
        Assert.DoesNotContain($"<{command}>", help, StringComparison.Ordinal);
        Assert.DoesNotMatch("--[a-z-]+ <[a-z-]+>", help); // <DIR>, <FILE>, <TIME>: not the option's own name again
        foreach (var example in examples)
        {
            var (exitCode, error) = RunShell(dir.Path, example.Trim());
            Assert.True(exitCode == 0, $"{example.Trim()}: exit {exitCode}: {error}");
        }
    }

    private static void CopyPlaybooks(string to)
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Playbooks, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(RepoPaths.Playbooks, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Runs a help example as a user pastes it into a shell, pipes and redirections included.</summary>
    private static (int ExitCode, string Error) RunShell(string directory, string line)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { WorkingDirectory = directory, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"set -e; triggers() {{ {TriggersProcess.ShellCommand} \"$@\"; }}; {line} > /dev/null");
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
        return (process.ExitCode, error);
    }
}
