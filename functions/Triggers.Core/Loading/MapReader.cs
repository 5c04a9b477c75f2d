using System.Globalization;
using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;
using Triggers.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>
/// Reads one YAML mapping against the keys it may hold. Unknown keys, wrong types and missing keys are
/// reported with positions and the reader carries on, so one run shows every problem.
/// </summary>
internal sealed class MapReader
{
    private readonly YamlSource _source;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly bool _hasMergeKey;
    private readonly HashSet<string> _cut = new(StringComparer.Ordinal);

    public MapReader(YamlSource source, YamlMappingNode node, string what, IReadOnlyList<string> allowed)
    {
        _source = source;
        Node = node;
        What = what;
        var children = node.Children.ToList();
        for (var i = 0; i < children.Count; i++)
        {
            var (keyNode, value) = children[i];
            if (CutValue(children, i) is { } pieces)
            {
                i += pieces - 1;
                continue;
            }

            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                source.Diagnostics.Error(source.At(keyNode), ErrorCodes.WrongType, $"a key in {what} must be plain text");
                continue;
            }

            if (key == "<<")
            {
                // YamlDotNet's node model does not apply merge keys, and a half-merged mapping would mislead: say so, and
                // leave out the 'missing key' errors the unmerged keys would cause.
                _hasMergeKey = true;
                source.Diagnostics.Error(source.At(keyNode), ErrorCodes.UnknownKey, $"YAML merge keys ('<<') are not supported (in {what})",
                    "write the keys out in full; an alias (*name) can still repeat a whole value");
                continue;
            }

            if (key.Length == 0 && scalarKey.Style is ScalarStyle.Plain or ScalarStyle.Any)
            {
                // A line that starts with ':' (a name deleted, or a stray colon): YamlDotNet places the missing name where
                // the mapping starts, so the ':' itself is found from the value after it.
                source.Diagnostics.Error(source.ColonBefore(value) ?? source.At(keyNode), ErrorCodes.UnknownKey, $"a key with no name in {what}: the ':' has nothing before it",
                    $"write the key's name before the ':' or delete the ':'; {what} accepts: {string.Join(", ", allowed)}");
                continue;
            }

            if (!allowed.Contains(key))
            {
                var closest = ClosestKey(key, allowed);
                var message = closest is null ? $"unknown key '{key}' in {what}" : $"unknown key '{key}' in {what}; did you mean '{closest}'?";
                source.Diagnostics.Error(source.At(keyNode), ErrorCodes.UnknownKey, message, $"{what} accepts: {string.Join(", ", allowed)}");
                continue;
            }

            _entries[key] = (scalarKey, value);
        }
    }

    /// <summary>
    /// In a <c>{ }</c> mapping a ',' ends a plain value, so <c>{ timezone: coalesce(user.timezone, account.timezone) }</c>
    /// reads as <c>timezone: coalesce(user.timezone</c> and a key <c>account.timezone)</c> with no value. Found at such a
    /// key (no ':', after an entry with a plain value; the value opens a bracket it does not close, or the key could be no key), this reports one error that says to quote the whole value,
    /// instead of a bracket never closed and an unknown key; the value cut short is then read as absent. Returns how
    /// many entries the cut value spans from <paramref name="i"/>, or null.
    /// </summary>
    private int? CutValue(List<KeyValuePair<YamlNode, YamlNode>> children, int i)
    {
        if (Node.Style != YamlDotNet.Core.Events.MappingStyle.Flow || i == 0 || !IsStrayPiece(children[i]) ||
            children[i - 1] is not { Key: YamlScalarNode { Value: { } key }, Value: YamlScalarNode { Style: ScalarStyle.Plain, Value.Length: > 0 } value } ||
            !_entries.ContainsKey(key) ||
            (!Unclosed(value.Value) && ((YamlScalarNode)children[i].Key).Value!.All(c => char.IsAsciiLetterLower(c) || c == '_')))
        {
            return null; // { title: t, urgent } is a key without a value, as far as anyone can tell
        }

        var pieces = 1;
        while (i + pieces < children.Count && IsStrayPiece(children[i + pieces]))
        {
            pieces++;
        }

        var start = (int)value.Start.Index;
        var end = Math.Min((int)children[i + pieces - 1].Key.End.Index, _source.Text.Length);
        var whole = start < end ? _source.Text[start..end] : null;
        _cut.Add(key);
        _source.Diagnostics.Error(_source.At(children[i].Key), ErrorCodes.UnknownKey,
            $"the value of '{key}' ends at the ',' before this: inside {{ }} a ',' separates entries, so '{((YamlScalarNode)children[i].Key).Value}' reads as a key",
            whole is null || whole.Contains('"', StringComparison.Ordinal) ? $"put the whole value of '{key}' in quotes" : $"quote the whole value: {key}: \"{whole}\"");
        return pieces;
    }

    /// <summary>Whether a value opens more brackets than it closes: an expression the ',' cut short.</summary>
    private static bool Unclosed(string text) =>
        text.Count(c => c == '(') > text.Count(c => c == ')') || text.Count(c => c == '[') > text.Count(c => c == ']');

    /// <summary>A key with no ':' and so no value: what is left of a value after a ','.</summary>
    private static bool IsStrayPiece(KeyValuePair<YamlNode, YamlNode> entry) =>
        entry is { Key: YamlScalarNode { Value.Length: > 0 } key, Value: YamlScalarNode { Value.Length: 0 } value } &&
        value.Start.Index >= key.End.Index && value.Start.Index == value.End.Index;

    /// <summary>A truncated key ("wher") most likely wants the key it starts ("where"), so prefixes win ties.</summary>
    public static string? ClosestKey(string key, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        return list.FirstOrDefault(c => c.Length > key.Length && c.Length - key.Length <= 2 && c.StartsWith(key, StringComparison.Ordinal))
               ?? Suggest.Closest(key, list);
    }

    public YamlMappingNode Node { get; }

    public string What { get; }

    public YamlSource Source => _source;

    public SourceLocation Location => _source.At(Node);

    public bool Has(string key) => _entries.ContainsKey(key);

    public IEnumerable<string> PresentKeys => _entries.Keys;

    public SourceLocation KeyAt(string key) => _entries.TryGetValue(key, out var e) ? _source.At(e.Key) : Location;

    /// <summary>Where the value of <paramref name="key"/> is written (the mapping itself when the key is absent).</summary>
    public SourceLocation ValueAt(string key) => _entries.TryGetValue(key, out var e)
        ? e.Value is YamlScalarNode s ? _source.ContentAt(s) : _source.At(e.Value)
        : Location;

    public YamlNode? Get(string key, bool required = false)
    {
        if (_cut.Contains(key))
        {
            return null; // reported where it was cut
        }

        if (_entries.TryGetValue(key, out var entry) && !IsNull(entry.Value))
        {
            return entry.Value;
        }

        if (required && _entries.TryGetValue(key, out var empty))
        {
            _source.Diagnostics.Error(_source.At(empty.Key), ErrorCodes.MissingKey, $"'{key}' in {What} has no value", KeyExamples.For(What, key));
        }
        else if (required && !_hasMergeKey)
        {
            _source.Diagnostics.Error(Location, ErrorCodes.MissingKey, $"{What} is missing required key '{key}'", KeyExamples.For(What, key));
        }

        return null;
    }

    /// <summary>Whether <paramref name="key"/> is written with no value (<c>key:</c>, <c>key: ~</c>, <c>key: null</c>).</summary>
    public bool Blank(string key) => !_cut.Contains(key) && _entries.TryGetValue(key, out var entry) && IsNull(entry.Value);

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    public YamlScalarNode? Scalar(string key, bool required = false, string expected = "text")
    {
        var node = Get(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar;
        }

        _source.Diagnostics.Error(_source.At(node), ErrorCodes.WrongType, $"'{key}' in {What} must be {expected}, not {YamlSource.Describe(node)}", KeyExamples.For(What, key));
        return null;
    }

    public string? String(string key, bool required = false) => Scalar(key, required)?.Value;

    public string? Id(string key, bool required = false, string what = "id")
    {
        var node = Scalar(key, required, $"an {what}");
        if (node?.Value is not { } text)
        {
            return null;
        }

        if (!NodeRules.Id().IsMatch(text))
        {
            _source.Diagnostics.Error(_source.ContentAt(node), ErrorCodes.BadId,
                $"'{text}' is not a valid {what}", NodeRules.AsId(text) is { } meant
                    ? $"use lower-case letters, digits and '-': {meant}"
                    : "use lower-case letters, digits and '-', e.g. invite-colleague");
            return null;
        }

        return text;
    }

    public string? EventType(string key, bool required = false)
    {
        var node = Scalar(key, required, "an event type");
        return node is null ? null : EventTypeOf(_source, node);
    }

    public static string? EventTypeOf(YamlSource source, YamlScalarNode node)
    {
        var text = node.Value ?? "";
        if (NodeRules.EventType().IsMatch(text))
        {
            return text;
        }

        source.Diagnostics.Error(source.ContentAt(node), ErrorCodes.BadId, $"'{text}' is not a valid event type",
            NodeRules.AsEventType(text) is { } meant
                ? $"event types are dotted lower-case names: {meant}"
                : "event types are dotted lower-case names such as user.logged_in");
        return null;
    }

    public TimeSpan? Duration(string key, bool required = false, bool allowNegative = false, bool allowZero = false) =>
        Duration(key, out _, required, allowNegative, allowZero);

    /// <summary>A duration and, in <paramref name="written"/>, its spelling in the file (<c>7d</c>, which means the same as <c>1w</c>).</summary>
    public TimeSpan? Duration(string key, out string? written, bool required = false, bool allowNegative = false, bool allowZero = false)
    {
        var node = Scalar(key, required, DurationParser.Expected);
        written = node?.Value;
        if (node?.Value is not { } text)
        {
            return null;
        }

        if (!DurationParser.TryParse(text, out var duration) || (!allowNegative && duration < TimeSpan.Zero) ||
            (!allowNegative && !allowZero && duration == TimeSpan.Zero))
        {
            var why = DurationParser.IsTooLong(text) ? DurationParser.TooLong(text)
                : !DurationParser.TryParse(text, out _) ? $"'{text}' is not a valid duration"
                : allowZero ? $"'{key}' must not be negative"
                : $"'{key}' must be longer than zero";
            var suggestion = DurationParser.TryParse(text, out _) ? null : DurationParser.Suggest(text);
            _source.Diagnostics.Error(_source.ContentAt(node), ErrorCodes.BadDuration, why,
                suggestion is null ? $"write {DurationParser.Spelling}" : $"{suggestion} (a duration is {DurationParser.Spelling})");
            return null;
        }

        return duration;
    }

    public int? Int(string key, bool required = false, int min = 0)
    {
        var node = Scalar(key, required, "a whole number");
        if (node?.Value is not { } text)
        {
            return null;
        }

        if (node.Style == ScalarStyle.Plain && !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) &&
            System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var huge))
        {
            // A whole number all the same, only too large (or small) to count with: say so, not that it is no number.
            _source.Diagnostics.Error(_source.At(node), ErrorCodes.OutOfRange,
                huge.Sign > 0 ? $"'{key}' must be at most {int.MaxValue:N0}, not {text}" : $"'{key}' must be at least {min}, not {text}",
                huge.Sign > 0 ? $"write {key}: a number up to {int.MaxValue:N0}" : $"write {key}: {min} or more");
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ||
            node.Style != ScalarStyle.Plain)
        {
            _source.Diagnostics.Error(_source.At(node), ErrorCodes.WrongType, $"'{key}' in {What} must be a whole number, not {YamlSource.Describe(node)}", KeyExamples.For(What, key));
            return null;
        }

        if (value < min)
        {
            _source.Diagnostics.Error(_source.At(node), ErrorCodes.OutOfRange, $"'{key}' must be at least {min}, not {value}",
                $"write {key}: {min} or more");
            return null;
        }

        return value;
    }

    public double? Number(string key, bool required = false)
    {
        var node = Scalar(key, required, "a number");
        if (node?.Value is not { } text)
        {
            return null;
        }

        if (node.Style != ScalarStyle.Plain ||
            !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            _source.Diagnostics.Error(_source.At(node), ErrorCodes.WrongType, $"'{key}' in {What} must be a number, not {YamlSource.Describe(node)}", KeyExamples.For(What, key));
            return null;
        }

        return value;
    }

    public bool? Bool(string key)
    {
        var node = Scalar(key, false, "true or false");
        return node?.Value switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Fail(node),
        };

        bool? Fail(YamlScalarNode n)
        {
            _source.Diagnostics.Error(_source.At(n), ErrorCodes.WrongType, $"'{key}' in {What} must be true or false, not {YamlSource.Describe(n)}", KeyExamples.For(What, key));
            return null;
        }
    }

    public T? Enum<T>(string key, IReadOnlyList<string> names, bool required = false)
        where T : struct, System.Enum =>
        OneOf(key, names, required) is { } index ? (T)(object)index : null;

    /// <summary>The position in <paramref name="names"/> of the key's value; an error with the closest name when it is none of them.</summary>
    public int? OneOf(string key, IReadOnlyList<string> names, bool required = false)
    {
        var node = Scalar(key, required, $"one of {string.Join(", ", names)}");
        if (node?.Value is not { } text)
        {
            return null;
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == text)
            {
                return i;
            }
        }

        var closest = Suggest.Closest(text, names);
        _source.Diagnostics.Error(_source.ContentAt(node), ErrorCodes.BadEnumValue,
            $"'{text}' is not a valid value for '{key}'{(closest is null ? "" : $"; did you mean '{closest}'?")}",
            $"'{key}' takes one of: {string.Join(", ", names)}"); // quoted: a key such as 'is' reads as a word otherwise
        return null;
    }

    public YamlMappingNode? Mapping(string key, bool required = false)
    {
        var node = Get(key, required);
        if (node is null or YamlMappingNode)
        {
            return (YamlMappingNode?)node;
        }

        _source.Diagnostics.Error(_source.At(node), ErrorCodes.WrongType, $"'{key}' in {What} must be a mapping (key: value pairs), not {YamlSource.Describe(node)}", KeyExamples.For(What, key));
        return null;
    }

    public YamlSequenceNode? Sequence(string key, bool required = false)
    {
        var node = Get(key, required);
        if (node is null or YamlSequenceNode)
        {
            return (YamlSequenceNode?)node;
        }

        _source.Diagnostics.Error(_source.At(node), ErrorCodes.WrongType, $"'{key}' in {What} must be a list, not {YamlSource.Describe(node)}",
            "start each item on its own line with '- ', or write [a, b]");
        return null;
    }

    public Expr? Expression(string key, ExpressionRoots roots, ExprType expected, bool required = false)
    {
        var node = Scalar(key, required, "an expression");
        if (node?.Value is not { } text)
        {
            return null;
        }

        var at = _source.ContentAt(node);
        var compiled = ExpressionCompiler.Compile(text, at, roots, expected, _source.Diagnostics, _source.PositionsOf(node));
        return compiled is null ? null : new Expr(compiled, at);
    }

    public Template? Template(string key, ExpressionRoots roots, bool required = false)
    {
        var node = Scalar(key, required, "text");
        return node is null ? null : TemplateOf(_source, node, roots);
    }

    public static Template? TemplateOf(YamlSource source, YamlScalarNode node, ExpressionRoots roots)
    {
        var at = source.ContentAt(node);
        var compiled = TemplateCompiler.Compile(node.Value ?? "", at, roots, source.Diagnostics, source.PositionsOf(node));
        return compiled is null ? null : new Template(compiled, at);
    }
}
