using Triggers.Core.Expressions;

namespace Triggers.Core.Tests.Expressions;

/// <summary>Text in the engine's JSON, character by character (the engine tests show it through playbooks).</summary>
public sealed class ReadableJsonEncoderTests
{
    [Theory]
    [InlineData("Zoë Müller", "\"Zoë Müller\"")]
    [InlineData("東京 👍", "\"東京 👍\"")] // beyond the first 65,536 characters too, which the writer's encoders always escape
    [InlineData("<b>R&D</b> 'x'", "\"<b>R&D</b> 'x'\"")] // no HTML escaping: nothing here goes into a page unescaped
    [InlineData("say \"hi\" \\ now", "\"say \\\"hi\\\" \\\\ now\"")]
    [InlineData("\t\n\r\b\f\u0001\u001f", "\"\\t\\n\\r\\b\\f\\u0001\\u001F\"")]
    [InlineData("\u007f\u0085\u009f", "\"\\u007F\\u0085\\u009F\"")] // DEL and C1 controls, invisible but line-breaking in places
    [InlineData("a\u2028b\u2029c", "\"a\\u2028b\\u2029c\"")] // line ends to JavaScript
    [InlineData("\u00a0\u00ad\u200b\ufeff\ue000", "\"\u00a0\u00ad\u200b\ufeff\ue000\"")] // other format and private characters are text
    [InlineData("invoice \u202efdp.exe", "\"invoice \\u202Efdp.exe\"")] // a right-to-left override would show it as invoice exe.pdf
    [InlineData("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069", "\"\\u061C\\u200E\\u200F\\u202A\\u202B\\u202C\\u202D\\u2066\\u2067\\u2068\\u2069\"")]
    public void Text_IsUtf8_EscapingOnlyQuotesBackslashesControlsLineSeparatorsAndBidiFormatting(string text, string json)
    {
        Assert.Equal(json, ValueJson.ToJson(Value.String(text)));
    }

    [Fact]
    public void Text_WithHalfASurrogatePair_HasTheReplacementCharacterInstead()
    {
        // Events that hold one are refused, but a .NET string can, and UTF-8 cannot. (Not inline data: the runner mangles such strings.)
        Assert.Equal("\"lone \ufffd high\"", ValueJson.ToJson(Value.String("lone \ud83d high")));
        Assert.Equal("\"\ufffd starts low, ends high \ufffd\"", ValueJson.ToJson(Value.String("\ude00 starts low, ends high \ud800")));
    }

    [Fact]
    public void Utf8Search_FindsWhatTheUtf16SearchFinds()
    {
        // The timeline checks text as UTF-8 and has the writer escape it from UTF-16 (OutcomeRecorder): both must agree.
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var text = $"ab{(char)c}";
            var escaped = System.Text.Json.JsonEncodedText.Encode(text, ReadableJsonEncoder.Instance).ToString() != text;
            var found = ReadableJsonEncoder.Instance.FindFirstCharacterToEncodeUtf8(System.Text.Encoding.UTF8.GetBytes(text));

            Assert.Equal(escaped ? 2 : -1, found);
        }
    }
}
