using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Expressions;

/// <summary>A condition with the wrong types is answered with how to write what was probably meant.</summary>
public sealed class TypeHintTests
{
    [Theory]
    [InlineData("event.time + 3 > trigger.time", "cannot add a time and a number", "add or subtract a duration, which has a unit: event.time + 3d")]
    [InlineData("event.time - trigger.time - 1 > 3d", "cannot subtract a number from a duration", "a duration has a unit (3d + 12h)")]
    [InlineData("event.time + trigger.time > trigger.time", "cannot add a time and a time", "subtracting them gives a duration")]
    [InlineData("3d * 2d > 1d", "cannot multiply a duration by a duration", "scale a duration by a number (3d * 2, 30d / 4)")]
    [InlineData("\"tickets: \" + 3 == \"tickets: 3\"", "cannot add text and a number", "+ joins two texts: put the number in quotes")]
    [InlineData("event.time.day == 3", "cannot read '.day' of a time", "a time is compared whole: event.time - trigger.time > 3d")]
    [InlineData("event.type.length > 3", "cannot read '.length' of text", "text is read with functions: lower(...), len(...)")]
    [InlineData("event.type[0] == \"t\"", "cannot use [...] on text", "text is read with functions: starts_with(text, prefix)")]
    public void TypeMistake_HintSaysHowToWriteIt(string where, string message, string hint)
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", $$"""
            playbook: p
            rules:
              - id: r
                when: { event: ticket.opened }
                where: '{{where}}'
                do:
                  - task: { title: t }
            """)]);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Contains(message, error.Message);
        Assert.Contains(hint, error.Hint);
        Assert.Equal(5, error.Location.Line); // positions stay on the expression's line
    }
}
