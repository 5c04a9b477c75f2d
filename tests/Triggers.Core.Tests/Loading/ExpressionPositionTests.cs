using static Triggers.Core.Tests.Support.Sources;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// An error inside an expression or a template points at the token in the file, however YAML wrote the value: folded
/// (<c>&gt;</c>) and plain values over several lines, literal (<c>|</c>) blocks with their indentation, quotes doubled
/// in single quotes and escapes in double quotes, which all make the value differ from its source text.
/// </summary>
public sealed class ExpressionPositionTests
{
    private static string Where(string value) => $$"""
        playbook: p
        rules:
          - id: r
            when: { event: user.invited }
            where: {{value}}
            do:
              - task: { title: t }
        """;

    [Theory]
    [InlineData(">\n      event.data.x == 1 and\n      event.data.y === 2", "p.yaml:7:22: error TRG100: '=' alone is not an operator")]
    [InlineData(">-\n      event.data.x == 1 and\n\n      evnt.y == 2", "p.yaml:8:7: error TRG101: unknown name 'evnt'; did you mean 'event'?")]
    [InlineData("|  # why\n      event.data.x == 1 and\n        lowr(event.data.y) == 'a'", "p.yaml:7:9: error TRG103: unknown function 'lowr'; did you mean 'lower'?")]
    [InlineData("event.data.x\n      == 2 and evnt.y", "p.yaml:6:16: error TRG101: unknown name 'evnt'; did you mean 'event'?")]
    [InlineData("\"event.data.x == \\\"a\\\" and evnt.x == 1\"", "p.yaml:5:39: error TRG101: unknown name 'evnt'; did you mean 'event'?")]
    [InlineData("'event.data.x == ''a'' and evnt.x == 1'", "p.yaml:5:39: error TRG101: unknown name 'evnt'; did you mean 'event'?")]
    [InlineData("\"event.data.x == \\u0022\\u00e9\\\" and \\\n      evnt.x == 1\"", "p.yaml:6:7: error TRG101: unknown name 'evnt'; did you mean 'event'?")]
    [InlineData("\"event.data.x == '\\U0001F600' and evnt.x == 1\"", "p.yaml:5:46: error TRG101: unknown name 'evnt'; did you mean 'event'?")]
    [InlineData("event.data.x == 1 and", "p.yaml:5:33: error TRG100: expected a value after 'and', found end of expression")]
    [InlineData("|\n      event.data.x == 1 and\n", "p.yaml:6:28: error TRG100: expected a value after 'and', found end of expression")]
    public void Condition_ValueWrittenOverLinesOrWithEscapes_ErrorAtTheTokenInTheFile(string value, string expected)
    {
        var result = Load(("p.yaml", Where(value)));

        Assert.Equal(expected, result.Diagnostics.Single().ToString());
    }

    [Theory]
    [InlineData("\"\\t\\u00e9{{ evnt.data.x }}\"", "p.yaml:7:30: error TRG101: unknown name 'evnt'; did you mean 'event'?")]
    [InlineData(">\n            Ticket {{ event.data.id }} for\n            {{ acount.name }}", "p.yaml:9:16: error TRG101: unknown name 'acount'; did you mean 'account'?")]
    public void Template_ValueWithEscapesOrFolded_ErrorAtTheTokenInTheFile(string title, string expected)
    {
        var result = Load(("p.yaml", $$"""
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
                do:
                  - task:
                      title: {{title}}
            """));

        Assert.Equal(expected, result.Diagnostics.Single().ToString());
    }

    [Fact]
    public void Condition_FileWithWindowsLineEnds_CountsLinesTheSame()
    {
        var result = Load(("p.yaml", Where(">\n      event.data.x == 1 and\n      evnt.y == 2").Replace("\n", "\r\n", StringComparison.Ordinal)));

        Assert.Equal("p.yaml:7:7: error TRG101: unknown name 'evnt'; did you mean 'event'?", result.Diagnostics.Single().ToString());
    }

    [Fact]
    public void Condition_DurationInQuotes_HintSaysToDropThem()
    {
        var result = Load(("p.yaml", Where("event.time - trigger.time > \"3d\"")));

        var error = result.Diagnostics.Single();
        Assert.Equal("p.yaml:5:38: error TRG102: cannot compare a duration with text", error.ToString());
        Assert.Equal("\"3d\" in quotes is text; a duration is written without them: 3d", error.Hint);
    }
}
