using System.Text;
using System.Text.Json;
using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// Traits and conditions read event data with <see cref="CheckedJsonObject"/>, which trusts the event parser's
/// check instead of validating again: on any valid object it must see exactly the members the JSON reader sees.
/// </summary>
public sealed class CheckedJsonObjectTests
{
    private static readonly string[] Names = ["plan", "seats", "a", "région", "emoji 🚀", "quote\"d", "back\\slash", "tab\there", "é", ""];
    private static readonly string[] Spaces = ["", " ", "\t", "\r\n", "  \n "];

    [Fact]
    public void Members_OfThousandsOfGeneratedObjects_AreWhatTheJsonReaderSees()
    {
        var random = new Random(20261202);
        for (var i = 0; i < 3_000; i++)
        {
            var json = Encoding.UTF8.GetBytes(Object(random, depth: 0));

            Assert.Equal(ByReader(json), ByScanner(json));
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData(" { } ")]
    [InlineData("[1,{\"a\":2}]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("")]
    public void Members_OfAnEmptyObjectOrOfAnythingElse_AreNone(string json)
    {
        var members = new CheckedJsonObject(Encoding.UTF8.GetBytes(json));
        Assert.False(members.Next());
    }

    [Theory]
    [InlineData("""{"a":"never closed""")]
    [InlineData("""{"a" """)]
    [InlineData("""{"a":""")]
    [InlineData("""{"a":{"b":[1,2}""")]
    [InlineData("""{"a":"ends in a backslash\""")]
    public void TextThatIsNotValidJson_IsABugReportedAsSuch_NeverAReadPastTheEnd(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Throws<InvalidDataException>(() =>
        {
            var members = new CheckedJsonObject(bytes);
            while (members.Next())
            {
            }
        });
    }

    [Theory]
    [InlineData("""{"v":"team"}""", "team", true)]
    [InlineData("""{"v":"team"}""", "Team", false)]
    [InlineData("""{"v":"t\u0065am"}""", "team", true)]
    [InlineData("""{"v":"café"}""", "café", true)]
    [InlineData("""{"v":"café"}""", "cafe", false)]
    [InlineData("""{"v":""}""", "", true)]
    [InlineData("""{"v":"Müller GmbH"}""", "Müller GmbH", true)]
    [InlineData("""{"v":"Müller GmbH"}""", "Muller GmbH", false)]
    [InlineData("""{"v":"Muller GmbH"}""", "Müller GmbH", false)]
    [InlineData("""{"v":"M\u00fcller GmbH"}""", "Müller GmbH", true)]
    [InlineData("""{"v":"東京"}""", "東京", true)]
    public void ValueIs_ComparesTheDecodedText(string json, string text, bool equal)
    {
        var members = new CheckedJsonObject(Encoding.UTF8.GetBytes(json));
        Assert.True(members.Next());
        Assert.Equal(equal, members.ValueIs(text));
    }

    private static List<string> ByScanner(byte[] json)
    {
        var seen = new List<string>();
        var members = new CheckedJsonObject(json);
        while (members.Next())
        {
            var name = EventParser.Text(members.Name);
            var value = members.Kind == JsonKind.String ? EventParser.Text(members.Value) : Encoding.UTF8.GetString(members.Value);
            var raw = Encoding.UTF8.GetString(json.AsSpan(members.ValueStart, members.Value.Length));
            seen.Add($"{name} | {members.Kind} | {value} | {raw} | escaped {members.NameEscaped}/{members.ValueEscaped}");
        }

        return seen;
    }

    private static List<string> ByReader(byte[] json)
    {
        var seen = new List<string>();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            var nameEscaped = reader.ValueIsEscaped;
            reader.Read();
            var kind = reader.TokenType switch
            {
                JsonTokenType.String => JsonKind.String,
                JsonTokenType.Number => JsonKind.Number,
                JsonTokenType.True => JsonKind.True,
                JsonTokenType.False => JsonKind.False,
                JsonTokenType.Null => JsonKind.Null,
                JsonTokenType.StartObject => JsonKind.Object,
                _ => JsonKind.Array,
            };
            var start = (int)reader.TokenStartIndex;
            var value = kind == JsonKind.String ? reader.GetString() : null;
            var valueEscaped = kind == JsonKind.String && reader.ValueIsEscaped;
            reader.Skip();
            var raw = Encoding.UTF8.GetString(json.AsSpan(start, (int)reader.BytesConsumed - start));
            seen.Add($"{name} | {kind} | {value ?? raw} | {raw} | escaped {nameEscaped}/{valueEscaped}");
        }

        return seen;
    }

    private static string Object(Random random, int depth)
    {
        var members = Enumerable.Range(0, random.Next(depth == 0 ? 8 : 3))
            .Select(_ => $"{Space(random)}{Text(random, Names[random.Next(Names.Length)])}{Space(random)}:{Space(random)}{Value(random, depth)}{Space(random)}");
        return $"{Space(random)}{{{string.Join(",", members)}}}{Space(random)}";
    }

    private static string Value(Random random, int depth) => random.Next(depth < 2 ? 9 : 7) switch
    {
        0 => Text(random, Names[random.Next(Names.Length)] + "{[]}"[random.Next(4)]),
        1 => Text(random, "plain value"),
        2 => random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => new[] { "0", "-0.5", "1.5e3", "2E-2", "123456789012345678901", "7" }[random.Next(6)],
        4 => "true",
        5 => random.Next(2) == 0 ? "false" : "null",
        6 => Text(random, ""),
        7 => Object(random, depth + 1),
        _ => $"[{string.Join($",{Space(random)}", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1)))}]",
    };

    /// <summary>A JSON string for <paramref name="text"/>, escaped as a writer must, and now and then more than it must.</summary>
    private static string Text(Random random, string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\t' => "\\t",
                _ when !char.IsSurrogate(c) && random.Next(8) == 0 => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    private static string Space(Random random) => random.Next(3) == 0 ? Spaces[random.Next(Spaces.Length)] : "";
}
