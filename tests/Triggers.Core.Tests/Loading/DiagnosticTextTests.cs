using static Triggers.Core.Tests.Support.Sources;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// Diagnostics quote what the files say, and a terminal obeys what it is given: an ESC sequence (YAML's "\e" puts one in
/// a value without a control character in the file) or a right-to-left override in a quoted id must show as an escape.
/// </summary>
public sealed class DiagnosticTextTests
{
    [Fact]
    public void Diagnostic_QuotingAnEscSequenceOrABidiOverride_ShowsThemAsEscapes()
    {
        var result = Load(("p.yaml", """
            playbook: "evil\e[2J\e]0;pwned\a"
            rules:
              - id: r
                when: { event: "user.\u202Eni_deggol" }
                do:
                  - task: { title: t }
            """));

        Assert.Equal(
            [@"p.yaml:1:12: error TRG006: 'evil\u001b[2J\u001b]0;pwned\u0007' is not a valid playbook id",
             @"p.yaml:4:21: error TRG006: 'user.\u202eni_deggol' is not a valid event type"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.Contains("\u202E", result.Diagnostics[1].Message); // the message keeps the text itself; only its display escapes
    }

    [Fact]
    public void HintLine_QuotingTheFile_EscapesTheSameWay()
    {
        var result = Load(("p.yaml", """
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
                where: !x "\e[31m"
                do:
                  - task: { title: t }
            """));

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("\u001b", error.Hint, StringComparison.Ordinal);
        Assert.Equal(@"hint: if the '!' belongs to the value, quote the whole value: '!x \u001b[31m'", error.HintLine);
        Assert.Null(Load(("p.yaml", "playbook: p\nrules: []\n")).Diagnostics.Single().HintLine);
    }
}
