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
    [InlineData("csi\u001b[2J osc\u001b]0;pwned\u0007 c1\u009b", @"csi\u001b[2J osc\u001b]0;pwned\u0007 c1\u009b")]
    [InlineData("abc\u202Efed lro\u202D lre\u202A rle\u202B pdf\u202C", @"abc\u202efed lro\u202d lre\u202a rle\u202b pdf\u202c")]
    [InlineData("\u2066lri \u2067rli \u2068fsi \u2069pdi \u200Elrm \u200Frlm \u061Calm", @"\u2066lri \u2067rli \u2068fsi \u2069pdi \u200elrm \u200frlm \u061calm")]
    [InlineData("Müller 東京 שלום مرحبا 😀 👩‍👩‍👧", "Müller 東京 שלום مرحبا 😀 👩‍👩‍👧")]
    public void Escape_ControlCharactersLineSeparatorsAndBidiControls_AreWrittenAsEscapes_LettersOfEveryScriptAndEmojiAsTheyAre(string text, string expected) =>
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

    [Theory]
    [InlineData("Onboarding:\n\tfirst steps\r\n", "Onboarding:\n\tfirst steps\r\n")]
    [InlineData("gpj.\u202Eexe\u001b[2J", "gpj.\\u202eexe\\u001b[2J")]
    public void EscapeHidden_KeepsLineBreaksAndTabs_EscapesWhatWouldHideOrReorderText(string text, string expected) =>
        Assert.Equal(expected, LineText.EscapeHidden(text));
}
