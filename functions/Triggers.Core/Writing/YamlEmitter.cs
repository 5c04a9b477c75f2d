using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Triggers.Core.Writing;

/// <summary>A minimal block-style YAML emitter: every string double-quoted, so any text survives a round trip.</summary>
internal sealed class YamlEmitter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Key(string key) => Line($"{key}:");

    public void Scalar(string key, string? value)
    {
        if (value is not null)
        {
            Line($"{key}: {Quote(value)}");
        }
    }

    public void Plain(string key, string? value)
    {
        if (value is not null)
        {
            Line($"{key}: {value}");
        }
    }

    public void Number(string key, double? value)
    {
        if (value is not null)
        {
            Line($"{key}: {value.Value.ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    public void Item(Action body)
    {
        _text.Append(' ', _indent * 2).Append("- ");
        var start = _text.Length;
        _indent++;
        body();
        _indent--;
        // The first line of the item sits after the dash: remove the indentation it was written with.
        _text.Remove(start, Math.Min((_indent + 1) * 2, _text.Length - start));
    }

    public void Nested(string key, Action body)
    {
        Key(key);
        _indent++;
        body();
        _indent--;
    }

    public void Line(string text) => _text.Append(' ', _indent * 2).Append(text).Append('\n');

    /// <summary>A double-quoted scalar: JSON string escaping, which YAML reads the same way.</summary>
    public static string Quote(string value) =>
        "\"" + JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    public override string ToString() => _text.ToString();
}
