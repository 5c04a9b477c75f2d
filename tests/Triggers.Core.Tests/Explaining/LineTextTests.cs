using Triggers.Core.Explaining;

namespace Triggers.Core.Tests.Explaining;

public sealed class LineTextTests
{
    [Theory]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\nb\tc", @"a\r\nb\tc")]
    [InlineData("bell\u0007 nul\0 esc\u001b del\u007f nel\u0085", @"bell\u0007 nul\u0000 esc\u001b del\u007f nel\u0085")]
    [InlineData("line\u2028paragraph\u2029", @"line\u2028paragraph\u2029")]
    [InlineData("say \"hi\" C:\\temp é 🚀", "say \"hi\" C:\\temp é 🚀")]
    public void Escape_ControlCharactersAndLineSeparators_AreWrittenAsEscapes_TheRestAsItIs(string text, string expected) =>
        Assert.Equal(expected, LineText.Escape(text));

    [Fact]
    public void Escape_TextWithNothingToEscape_IsTheSameString()
    {
        var text = "bob@acme.test never logged in";

        Assert.Same(text, LineText.Escape(text));
        Assert.Equal("", LineText.Escape(null));
    }

    [Theory]
    [InlineData("Ticket one", "\"Ticket one\"")]
    [InlineData("say \"hi\"\n", @"""say \""hi\""\n""")]
    [InlineData(@"C:\temp", @"""C:\\temp""")]
    [InlineData(null, "\"\"")]
    public void Quote_EscapesQuotesAndBackslashesToo(string? text, string expected) =>
        Assert.Equal(expected, LineText.Quote(text));
}
