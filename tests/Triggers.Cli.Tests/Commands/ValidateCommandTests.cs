using System.Text.RegularExpressions;

namespace Triggers.Cli.Tests.Commands;

public sealed partial class ValidateCommandTests
{
    private const string Valid = """
        playbook: invite-colleague
        rules:
          - id: invitee-never-logged-in
            when: { event: user.invited }
            unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
            do:
              - task: { title: "{{ trigger.data.invitee_email }} never logged in" }
        """;

    [GeneratedRegex(@"^(?<path>[^:]+):(?<line>\d+):(?<col>\d+): (?<sev>error|warning) (?<code>TRG\d{3}): (?<message>.+)$")]
    private static partial Regex CompilerLine();

    [Fact]
    public void Validate_CleanDirectory_ExitsZeroAndPrintsNoErrors()
    {
        using var dir = new TempDirectory().Write("invite.yaml", Valid);

        var result = TriggersProcess.Run(dir.Path, "validate", ".");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(": error ", result.Output);
        Assert.Contains("0 errors, 0 warnings: 1 playbook, 1 rule, 0 journeys, 0 tests", result.Error);
    }

    [Fact]
    public void Validate_ALinkToAFolderItLiesIn_IsNotFollowed_SoNoPlaybookIsReadTwice()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Valid).Write("playbooks/journeys/readme.txt", "");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "playbooks", "loop"), ".");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "playbooks", "journeys", "up"), "..");

        var result = TriggersProcess.Run(dir.Path, "validate", "playbooks");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 errors, 0 warnings: 1 playbook, 1 rule", result.Error);
    }

    [Fact]
    public void Validate_ALinkToAMissingFile_IsLeftOutWithAWarning_AndTheRestIsRead()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Valid);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "playbooks", "renewal.yaml"), Path.Combine(dir.Path, "gone", "renewal.yaml"));

        var result = TriggersProcess.Run(dir.Path, "validate", "playbooks");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"triggers: warning: playbooks/renewal.yaml is not read: it is a link to {Path.Combine(dir.Path, "gone", "renewal.yaml")}, which does not exist", result.Error);
        Assert.Contains("0 errors, 1 warning: 1 playbook, 1 rule", result.Error); // the summary counts the warning it printed
    }

    [Fact]
    public void Validate_BrokenPlaybook_PrintsEveryErrorInCompilerFormatAndExitsOne()
    {
        using var dir = new TempDirectory()
            .Write("ok.yaml", Valid.Replace("invite-colleague", "other", StringComparison.Ordinal))
            .Write("broken.yaml", """
                playbook: broken
                rules:
                  - id: r1
                    when: { event: user.invited }
                    unless: { event: user.logged_in, within: 3days }
                    do:
                      - task: { title: x, priority: asap }
                  - id: r2
                    when: { event: user.invited }
                    wher: account.plan == "team"
                    do:
                      - email: { to: "{{ acount.email }}", template: hi }
                """);

        var result = TriggersProcess.Run(dir.Path, "validate", ".");

        Assert.Equal(1, result.ExitCode);
        var errors = result.OutputLines.Select(l => CompilerLine().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(
            ["broken.yaml:5:46 TRG005", "broken.yaml:7:37 TRG019", "broken.yaml:10:5 TRG002", "broken.yaml:12:26 TRG101"],
            errors.Select(m => $"{m.Groups["path"]}:{m.Groups["line"]}:{m.Groups["col"]} {m.Groups["code"]}"));
        Assert.Contains("hint:", result.Output);
    }

    [Fact]
    public void Validate_MissingDirectory_ExplainsAndExitsOne()
    {
        using var dir = new TempDirectory();

        var result = TriggersProcess.Run(dir.Path, "validate", "no-such-dir");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'no-such-dir' does not exist", result.Error);
    }

    [Fact]
    public void Validate_AFileInsteadOfTheDirectory_NamesTheDirectoryToGive()
    {
        using var dir = new TempDirectory().Write("rules/p.yaml", "playbook: p\nrules: []\n");

        var file = TriggersProcess.Run(dir.Path, "validate", "rules/p.yaml");
        var missingTest = TriggersProcess.Run(dir.Path, "test", "rules/gone.test.yaml");

        Assert.Equal(1, file.ExitCode);
        Assert.Equal(
            "triggers: 'rules/p.yaml' is a file; give the playbook directory it is in (playbooks refer to each other, to journeys and to webhook targets, so they are read together): rules",
            file.Error.Trim());
        Assert.Equal((1, "triggers: 'rules/gone.test.yaml' does not exist"), (missingTest.ExitCode, missingTest.Error.Trim()));
    }

    [Fact]
    public void Validate_DefaultDirectory_IsPlaybooksWhenPresent()
    {
        using var dir = new TempDirectory().Write("playbooks/broken.yaml", "playbook: Bad_Id\nrules: []\n");

        var result = TriggersProcess.Run(dir.Path, "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("playbooks/broken.yaml:1:11: error TRG006:", result.Output);
    }

    [Fact]
    public void Validate_APlaybookSavedAsLatin1_IsAnErrorAtTheByte_NotTextWithAReplacementCharacter()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(Path.Combine(dir.Path, "cafe.yaml"), System.Text.Encoding.Latin1.GetBytes(Valid.Replace("never logged in", "never logged in, café", StringComparison.Ordinal)));

        var result = TriggersProcess.Run(dir.Path, "validate", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("cafe.yaml:7:78: error TRG023: the file is not UTF-8: byte 0xE9", result.Output);
        Assert.Contains("hint: save the file as UTF-8", result.Output);
    }

    [Fact]
    public void Validate_TextWithEscSequencesAndBidiOverrides_IsPrintedEscaped_MessageAndHint()
    {
        // YAML's "\e" and "\u202E" escapes put an ESC and a right-to-left override into values without a control
        // character in the file; printed raw, the first would clear the screen and the second reverse the rest of the line.
        using var dir = new TempDirectory().Write("p.yaml", """
            playbook: "evil\e[2J"
            rules:
              - id: r
                when: { event: "user.\u202Eni_deggol" }
                where: !x "\e]0;pwned\a"
                do:
                  - task: { title: t }
            """);

        var result = TriggersProcess.Run(dir.Path, "validate", ".");

        Assert.Equal(1, result.ExitCode);
        TerminalText.AssertSafe(result.Output);
        Assert.Contains(@"hint: if the '!' belongs to the value, quote the whole value: '!x \u001b]0;pwned\u0007'", result.Output);
        File.WriteAllText(Path.Combine(dir.Path, "p.yaml"), """
            playbook: "evil\e[2J"
            rules:
              - id: r
                when: { event: "user.\u202Eni_deggol" }
                do:
                  - task: { title: t }
            """);
        var ids = TriggersProcess.Run(dir.Path, "validate", ".");
        TerminalText.AssertSafe(ids.Output);
        Assert.Contains(@"p.yaml:1:12: error TRG006: 'evil\u001b[2J' is not a valid playbook id", ids.OutputLines);
        Assert.Contains(@"p.yaml:4:21: error TRG006: 'user.\u202eni_deggol' is not a valid event type", ids.OutputLines);
    }
}
