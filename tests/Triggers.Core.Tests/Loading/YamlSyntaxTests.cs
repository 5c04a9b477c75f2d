using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>YAML mistakes are reported where they are, in words that say how to fix them.</summary>
public sealed class YamlSyntaxTests
{
    [Theory]
    [InlineData("playbook: p\nrules:\n\t- id: r\n", 3, 1)]
    [InlineData("playbook: p\nstage: s\n\t\n# a comment\nrules: []\n", 3, 1)]
    [InlineData("playbook: p\r\nrules:\r\n  - id: r\r\n    when: { event: ticket.opened }\r\n    do:\r\n    \t- task: { title: t }\r\n", 6, 5)]
    public void TabInTheIndentation_IsReportedAtTheTab(string yaml, int line, int column)
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal($"p.yaml:{line}:{column}: error TRG001: YAML syntax error: a tab in the indentation", error.ToString());
        Assert.Equal("YAML indents with spaces only: replace the tab with spaces", error.Hint);
    }

    [Theory]
    [InlineData("title: {{ account.name }} needs help", "a value that starts with '{{' must be in quotes", "write it like this: title: \"{{ account.name }} needs help\"")]
    [InlineData("title: Renewal: at risk", "this value holds ': ', which YAML reads as the start of another key", "write it like this: title: \"Renewal: at risk\"")]
    public void UnquotedValue_YamlMisreads_SaysToQuoteItAtTheValue(string line, string message, string hint)
    {
        var yaml = $"playbook: p\nrules:\n  - id: r\n    when: {{ event: ticket.opened }}\n    do:\n      - task:\n          {line}\n";

        var result = PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("TRG001", error.Code);
        Assert.Equal((7, 18), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
        Assert.Equal(hint, error.Hint);
    }

    [Fact]
    public void TabInsideAFlowMapping_IsNotAnIndentationError()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", "playbook: p\nrules:\n  - id: r\n    when: {\tevent: ticket.opened }\n    do:\n      - task: { title: t }\n")]);

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void SecondDocumentInAFile_IsAnErrorAtItsStart_NotSilentlyLeftOut()
    {
        const string Rule = "rules:\n  - id: r\n    when: { event: ticket.opened }\n    do:\n      - task: { title: t }\n";

        var result = PlaybookLoader.Load([new SourceFile("p.yaml", $"playbook: p\n{Rule}---\nplaybook: q\n{Rule}")]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("p.yaml:8:1: error TRG001: a second YAML document (after '---'): a file holds one playbook, journey, test or target list, so it would not be read", error.ToString());
        Assert.Equal("put it in a file of its own", error.Hint);
    }

    [Theory]
    [InlineData("---\nplaybook: p\n")]
    [InlineData("playbook: p\n---\n")]
    [InlineData("playbook: p\n---\n...\n")]
    public void DocumentMarkersAroundTheOneDocument_AreFine(string head)
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", head.Replace("playbook: p\n", "playbook: p\nrules:\n  - id: r\n    when: { event: ticket.opened }\n    do:\n      - task: { title: t }\n", StringComparison.Ordinal))]);

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Set.Playbooks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void EmptyOrCommentOnlyFile_IsAWarning_NotSilentlyLeftOut(string text)
    {
        var result = PlaybookLoader.Load([new SourceFile("half-saved.yaml", text)]);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("half-saved.yaml:1:1: warning TRG203: the file is empty (or holds only comments), so nothing in it is read", warning.ToString());
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void DuplicateKeys_EachReportedAtTheSecondKey_AndTheRestOfTheFileStillChecked()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r1
                when: { event: user.invited }
                when: { event: user.logged_in }
                do:
                  - task: { title: x, priority: normal, priority: high }
                  - task: { title: y, priority: asap }
            """)]);

        Assert.Equal(
            ["p.yaml:5:5: error TRG001: duplicate key 'when': this mapping already has it at line 4, column 5",
             "p.yaml:7:45: error TRG001: duplicate key 'priority': this mapping already has it at line 7, column 27",
             "p.yaml:8:37: error TRG019: 'asap' is not a valid value for 'priority'"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.StartsWith("a key may appear once in a mapping", result.Diagnostics[0].Hint);
    }

    [Fact]
    public void UnclosedBrace_IsReportedAtTheBrace_NotWhereTheParserGaveUp()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", "playbook: p\nrules:\n  - id: r1\n    when: { event: user.invited }\n    do:\n      - task: { title: t }\n  - id: r2\n    when: { event: user.invited\n    do:\n")]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("p.yaml:8:11: error TRG001: YAML syntax error: this '{' is never closed: the file ends before its '}'", error.ToString());
    }

    [Fact]
    public void MergeKey_SaysMergeKeysAreNotSupported_WithoutAFollowOnMissingKey()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r1
                when: { event: user.invited }
                do:
                  - task: &t { title: t, due: 1d }
              - id: r2
                when: { event: user.invited }
                do:
                  - task: { <<: *t, priority: high }
            """)]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("p.yaml:10:17: error TRG002: YAML merge keys ('<<') are not supported (in task action)", error.ToString());
    }

    [Fact]
    public void RequiredKeyWithNoValue_SaysTheValueIsEmpty_AtTheKey()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", "playbook:\ndescription: empty id\nrules: []\n")]);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("p.yaml:1:1: error TRG004: 'playbook' in playbook has no value", error.ToString());
    }
}
