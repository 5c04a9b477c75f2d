using YamlDotNet.Core;

namespace Triggers.Core.Loading;

/// <summary>
/// Says what a YamlDotNet syntax error means for the file in front of the reader ("this line is indented 5 spaces,
/// which lines up with no key above it") instead of the parser's state ("While parsing a block mapping, did not find
/// expected key"), at the character to fix, with a hint that shows the fix. Null when the error is not one it knows:
/// the caller then prints the parser's own words.
/// </summary>
internal sealed partial class YamlSyntaxWording
{
    private readonly string _text;
    private readonly string[] _lines;
    private readonly int[] _lineStarts;

    private YamlSyntaxWording(string text)
    {
        _text = text;
        _lines = text.Split('\n');
        _lineStarts = new int[_lines.Length];
        for (var i = 1; i < _lines.Length; i++)
        {
            _lineStarts[i] = _lineStarts[i - 1] + _lines[i - 1].Length + 1;
        }

        for (var i = 0; i < _lines.Length; i++)
        {
            _lines[i] = _lines[i].TrimEnd('\r');
        }
    }

    public static (Mark At, string Message, string Hint)? Explain(string text, string message, Mark at, (Mark At, char Opener)? openFlow) =>
        new YamlSyntaxWording(text).Explain(message, at, openFlow);

    private (Mark At, string Message, string Hint)? Explain(string message, Mark at, (Mark At, char Opener)? openFlow)
    {
        var line = (int)Math.Clamp(at.Line, 1, _lines.Length) - 1;
        var column = (int)Math.Max(1, at.Column) - 1;
        var here = column < _lines[line].Length ? _lines[line][column] : '\n';
        bool Says(string words) => message.Contains(words, StringComparison.OrdinalIgnoreCase);

        if (Says("did not find expected key"))
        {
            return MappingKey(line, column, here);
        }

        if (Says("did not find expected '-' indicator"))
        {
            return ListItem(line);
        }

        // A key with no ':', or with no space after it, or a line indented under a key that has its value: each makes
        // YAML read on as plain text, where ': ' cannot stand.
        if (Says("found invalid mapping"))
        {
            return KeyWithoutColon(line, 3) ?? KeyWithoutSpace(line, 3) ?? (PreviousContent(line) is { } above ? UnderAValue(line, above) : null)
                ?? (at, "this ': ' is inside a value YAML reads as plain text, so it cannot start a key here",
                    "check where the value starts (on this line or the one above): a key needs a space after its ':', and a value holding ': ' goes in quotes");
        }

        if (Says("While scanning a directive"))
        {
            return DirectiveLine(at);
        }

        if (Says("invalid comment after comma"))
        {
            return (at, "a '#' right after a ',': YAML takes '#' for a comment only after a space",
                "put a space before the '#' if it starts a comment, or put the value that holds it in quotes");
        }

        if (Says("double-quoted scalar") && Says("wrong indentation"))
        {
            return (at, "the quoted value that starts here runs on over the lines below, and one of them is indented less than the value may be",
                "a quote opened here is likely not closed on this line: close it where the value ends, or indent the lines that continue it");
        }

        if (Says("While scanning a simple key") && Says("could not find expected ':'"))
        {
            return NotAKey(line);
        }

        if ((Says("did not find expected ',' or '}'") || Says("did not find expected ',' or ']'")) && AtTheEnd(at) && openFlow is { } unclosed)
        {
            return NeverClosed(unclosed);
        }

        if ((Says("did not find expected ',' or '}'") || Says("did not find expected ',' or ']'")) && here is '{' or '['
            && column > 0 && _lines[line][column - 1] is not (' ' or ',' or '[' or '{'))
        {
            return MidWord(Mark(line, column), _lines[line], column);
        }

        if (Says("did not find expected ',' or '}'") || Says("did not find expected ',' or ']'"))
        {
            var (opener, closer) = Says("'}'") ? ('{', '}') : ('[', ']');
            var opened = openFlow is { } flow ? $" opened at line {flow.At.Line}, column {flow.At.Column}" : "";
            return (at, $"expected ',' or '{closer}' here: the entries of the '{opener}'{opened} are separated by commas",
                opener == '{'
                    ? "put ', ' between entries: { event: user.invited, where: event.data.role == 'admin' }; a value holding ':', ',', '{' or '}' goes in quotes"
                    : "put ', ' between items: [user.invited, user.logged_in]; an item holding ':', ',', '[' or ']' goes in quotes");
        }

        if (Says("quoted scalar") && Says("end of stream"))
        {
            return (at, $"this {here} is never closed: the file ends before the value's closing {here}",
                $"end the value with {here} on the line it starts on: title: {here}Welcome aboard{here}");
        }

        if (Says("cannot start any token"))
        {
            return Reserved(at, line, column, here);
        }

        if (Says("did not find expected node content"))
        {
            return NodeContent(at, here, openFlow);
        }

        if (Says("quoted scalar") && (Says("hexadecimal") || Says("unknown escape")) && BadEscape(at) is { } escape)
        {
            return escape;
        }

        if (Says("Block sequence entries are not allowed"))
        {
            return (at, "a list cannot start on the same line as its key", ListOnItsOwnLines(line));
        }

        if (Says("expected <document end>") && FirstContent() is { } first && Indent(_lines[first]) > Indent(_lines[line]))
        {
            return (Mark(line, Indent(_lines[line])),
                $"this line is indented less than the file's first line ({Indent(_lines[first])} spaces), so YAML cannot read it as part of the same mapping",
                "start the top-level keys at the beginning of the line, with no spaces before them");
        }

        if (Says("expected <document start>") && Array.FindIndex(_lines, l => l.StartsWith('%')) >= 0)
        {
            return DirectiveLine(at);
        }

        if (Says("expected <document") && FirstContent() is { } whole && whole < line)
        {
            return (Mark(whole, Indent(_lines[whole])),
                $"YAML reads '{_lines[whole].Trim()}' as the value of the whole file, so nothing can follow it (line {line + 1} is where it stopped)",
                "a file starts with its top-level keys ('playbook:', 'test:', ...): fix or delete this line");
        }

        if (Says("Mapping values are not allowed"))
        {
            return (at, "YAML cannot take a ':' here: it follows a value that is already complete (a closing quote or bracket before it), so it starts no key",
                "delete the ':', or put the whole value in quotes if the ':' belongs to it");
        }

        if (Says("While scanning a tag") || Says("end of tag"))
        {
            return (at, "YAML reads a '!' at the start of a value as a tag, which playbooks do not use, and cannot read this one",
                "if the '!' belongs to the text, put the value in quotes; otherwise delete it (a negation is written 'not')");
        }

        if (Says("While scanning a block scalar"))
        {
            return (at, $"YAML reads '{here}' here as the start of a block of text ('|' or '>' after a key), which this is not",
                "put the value in quotes, or delete the character");
        }

        if (Says("Mapping keys are not allowed") || (Says("anchor or alias") && Says("disallowed")))
        {
            return (at, $"YAML reads '{here}' at the start of a value as syntax ({(here == '?' ? "a complex key" : here == '&' ? "an anchor" : "a reference")}), not as text",
                QuoteTheValue(line, column, "put the value in quotes"));
        }

        return null;
    }

    /// <summary>"did not find expected key": a line a mapping cannot take, nearly always for its indentation.</summary>
    private (Mark, string, string) MappingKey(int line, int column, char here)
    {
        var text = _lines[line];
        var indent = Indent(text);
        if (column > indent && here is ']' or '}')
        {
            var opener = here == ']' ? '[' : '{';
            return (Mark(line, column), $"a '{here}' with no '{opener}' before it to close",
                $"delete it, or add the '{opener}' where the {(here == ']' ? "list" : "mapping")} starts");
        }

        var previous = PreviousContent(line);
        var above = previous is { } p ? _lines[p] : "";
        var aboveKey = KeyColumn(above);
        if (previous is { } colon && above.TrimStart().StartsWith(':'))
        {
            return NotAKey(colon); // a key with no name above: this line only shows where the parser gave up on it
        }

        if (BlockScalar().Match(above) is { Success: true } block && indent <= aboveKey)
        {
            var key = block.Groups["key"].Value;
            return (Mark(line, indent), $"the text of the '{block.Groups["style"].Value}' on line {previous + 1} must be indented more than '{key}'",
                $"indent every line of the text by at least {aboveKey + 2} spaces, or put a short text on one line in quotes: {key}: \"...\"");
        }

        if (KeyWithoutColon(line, 0) is { } bare)
        {
            return bare;
        }

        if (column > indent && KeyValue().Match(text[KeyColumn(text)..]) is { Success: true } written && text[..column].TrimEnd() is { Length: > 0 } before
            && before[^1] is ']' or '}' or '"' or '\'')
        {
            // tags: [a]-b, title: "a" b: the value ended at its closing bracket or quote, and more follows on the line.
            return (Mark(line, column), $"the value of '{written.Groups["key"].Value}' ends at the '{before[^1]}' before this, and YAML cannot read what follows it on the line",
                "put everything inside the brackets or quotes, or quote the whole value");
        }

        if (previous is null)
        {
            return (Mark(line, column), "YAML cannot read this as a key of the mapping above", "check the indentation and that every quote is closed");
        }

        if (text.TrimStart().StartsWith('-') && indent == aboveKey)
        {
            return (Mark(line, indent), "a list item ('- ') at the indentation of the keys of a mapping",
                "a list belongs under a key: write the key with ':' on a line of its own and indent the items below it");
        }

        if (UnderAValue(line, previous.Value) is { } under)
        {
            return under;
        }

        var columns = KeyColumnsAbove(line);
        if (columns.Contains(indent.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            // Lined up with keys above: what is wrong is the line itself.
            return NotAKey(line);
        }

        return (Mark(line, indent),
            $"this line is indented {Spaces(indent)}, which lines up with no key above it (the keys it could belong with are at {Listed(columns)} spaces)",
            "YAML tells which mapping a key belongs to by its indentation alone: give it the same number of spaces as the keys it belongs with");
    }

    /// <summary>A line indented more than the key on the line above it, which already has its value there.</summary>
    private (Mark, string, string)? UnderAValue(int line, int above)
    {
        var indent = Indent(_lines[line]);
        var text = _lines[above];
        var aboveKey = KeyColumn(text);
        if (indent <= aboveKey || KeyValue().Match(text[aboveKey..]) is not { Success: true } withValue
            || withValue.Groups["value"].Value.Trim() is not { Length: > 0 } value || value.StartsWith('#') || value is "|" or ">" or "|-" or ">-")
        {
            return null;
        }

        var key = withValue.Groups["key"].Value;
        return (Mark(line, indent),
            $"this line is indented more than '{key}' on line {above + 1}, as if it belonged under it, but '{key}' already has its value ({value})",
            $"if it is a key of its own, indent it like '{key}' ({aboveKey} spaces); if it is part of the value, put the whole value on the lines below '{key}:'");
    }

    private (Mark, string, string) NotAKey(int line)
    {
        var text = _lines[line];
        var first = text.Length > Indent(text) ? text[Indent(text)] : ' ';
        if (GluedKey().Match(text[Indent(text)..]) is { Success: true } glued)
        {
            // 'url:https://...': the ':' is there, but with no space after it YAML reads the line as one plain text.
            var key = glued.Groups["key"].Value;
            var start = Indent(text) + glued.Groups["key"].Index + key.Length + 1;
            return (Mark(line, start), $"'{key}:' has no space after it, so YAML reads the line as one piece of text, not as a key and its value",
                $"put a space after the ':': {key}: {text[start..].TrimStart()}");
        }

        return char.IsLetterOrDigit(first) || first is '_' or '"' or '\''
            ? (Mark(line, Indent(text)), "YAML cannot read this line as a key and its value: the ':' after the key is missing",
                "write it as 'key: value', or delete the line")
            : (Mark(line, Indent(text)), $"this line starts with '{first}' where YAML expects a key",
                "a key comes first, then ': ' and the value ('applies_to: [a, b]'); delete the character or put the line under its key");
    }

    /// <summary>A key with no space after its ':' (<c>test:{ a nudge</c>), on the line or one of the few above it.</summary>
    private (Mark, string, string)? KeyWithoutSpace(int line, int lookBack)
    {
        for (var i = line; i >= Math.Max(0, line - lookBack); i--)
        {
            var text = _lines[i];
            var start = KeyColumn(text);
            if (NoSpaceAfterKey().Match(text[start..]) is { Success: true } match)
            {
                var key = match.Groups["key"].Value;
                return (Mark(i, start + key.Length + 1), $"'{key}:' has no space after it, so YAML reads the line as one piece of text, not as a key and its value",
                    $"put a space after the ':': {key}: {text[(start + key.Length + 1)..].TrimStart()}");
            }
        }

        return null;
    }

    /// <summary>A line that starts with '%', which YAML reads as a directive.</summary>
    private (Mark, string, string) DirectiveLine(Mark at)
    {
        var directive = Array.FindIndex(_lines, l => l.StartsWith('%'));
        return (directive < 0 ? at : Mark(directive, 0), "YAML reads a line starting with '%' as a directive, which must be followed by a '---' line",
            "delete the '%' line: playbooks need no directives; a value that starts with '%' goes in quotes");
    }

    /// <summary>"did not find expected '-' indicator": a line inside a list that is not one of its items.</summary>
    private (Mark, string, string) ListItem(int line)
    {
        var text = _lines[line];
        var indent = Indent(text);
        var dashLine = Enumerable.Range(0, line).Reverse().Cast<int?>().FirstOrDefault(i => _lines[i!.Value].TrimStart().StartsWith('-'));
        if (dashLine is not { } found)
        {
            return (Mark(line, indent), "this line does not fit the list above it", "start each item of a list with '- ' at the same indentation");
        }

        var dash = Indent(_lines[found]);
        if (text.TrimStart().StartsWith('-'))
        {
            return (Mark(line, indent), $"this item's '-' is indented {Spaces(indent)}, but the list's items above start at {Spaces(dash)}",
                "line up the '-' of every item in a list");
        }

        if (indent == dash && KeyValue().Match(text[indent..]) is { Success: true } key)
        {
            var itemKey = KeyColumn(_lines[found]);
            var name = key.Groups["key"].Value;
            return (Mark(line, indent), $"'{name}' is at the indentation of the list's '-' above, where YAML expects the next item",
                $"if '{name}' belongs to the item above, indent it {Spaces(itemKey)} like the item's first key; if it starts a new item, write '- {name}: ...'");
        }

        return (Mark(line, indent), $"this line is indented {Spaces(indent)}, which does not fit the list above it (its items start with '-' at {Spaces(dash)})",
            "indent a key of an item like the item's first key, and start a new item with '- ' under the others");
    }

    /// <summary>
    /// A line that is a single word, as a key is, with no ':' after it (<c>rules</c> for <c>rules:</c>): the line itself
    /// or one of the <paramref name="lookBack"/> above it. A list item's word is a value, not a key.
    /// </summary>
    private (Mark, string, string)? KeyWithoutColon(int line, int lookBack)
    {
        for (var i = line; i >= Math.Max(0, line - lookBack); i--)
        {
            var text = _lines[i];
            var start = Indent(text);
            if (start < text.Length && Word().IsMatch(text[start..]))
            {
                var word = text[start..].TrimEnd();
                return (Mark(i, start + word.Length), $"'{word}' has no ':' after it, so YAML does not read it as a key",
                    $"write '{word}:' (a key ends with ':', and its value follows after a space or on the lines below)");
            }
        }

        return null;
    }

    private (Mark, string, string) Reserved(Mark at, int line, int column, char here) =>
        (at, $"'{here}' cannot start a value that is not in quotes: YAML keeps it for its own syntax",
            QuoteTheValue(line, column, "put the value in quotes"));

    private (Mark, string, string) NodeContent(Mark at, char here, (Mark At, char Opener)? openFlow)
    {
        if (openFlow is { } open && AtTheEnd(at))
        {
            return NeverClosed(open);
        }

        return here == ','
            ? (at, "an empty item: a ',' with nothing before it", "delete the extra ','")
            : (at, "a value is missing here", "write the value, or delete what comes before it");
    }

    /// <summary>The first backslash in the double-quoted value at <paramref name="at"/> that starts no escape YAML knows.</summary>
    private (Mark, string, string)? BadEscape(Mark at)
    {
        var start = (int)Math.Min(at.Index, _text.Length);
        for (var i = start + 1; i < _text.Length - 1 && _text[i] != '"'; i++)
        {
            if (_text[i] != '\\')
            {
                continue;
            }

            var next = _text[i + 1];
            var digits = next switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            var known = "0abtnvfre \"/\\N_LP\t\n\r".Contains(next, StringComparison.Ordinal);
            var hexOk = digits > 0 && i + 2 + digits <= _text.Length && _text.AsSpan(i + 2, digits).ContainsAnyExcept(Hex) is false;
            if (!known && !hexOk)
            {
                var inner = _text[(start + 1)..Math.Max(start + 1, _text.IndexOf('"', i + 2) is var end && end > 0 ? end : i + 2)];
                var lineNumber = Array.FindLastIndex(_lineStarts, s => s <= i);
                var why = digits > 0 ? $"'\\{next}' must be followed by {digits} hexadecimal digits" : $"'\\{next}' is not an escape YAML knows";
                return (Mark(lineNumber, i - _lineStarts[lineNumber]), $"in a value in double quotes a backslash starts an escape, and {why}",
                    $"use single quotes, where a backslash is an ordinary character ('{inner.Replace("'", "''", StringComparison.Ordinal)}'), or write each backslash as '\\\\'");
            }

            i++;
        }

        return null;
    }

    private string ListOnItsOwnLines(int line)
    {
        var text = _lines[line];
        var match = KeyValue().Match(text[KeyColumn(text)..]);
        var key = match.Success ? match.Groups["key"].Value : "key";
        var item = match.Success ? match.Groups["value"].Value.Trim().TrimStart('-').Trim() : "item";
        return $"start the list on the next line, each item indented under the key: '{key}:' then '  - {item}'; or write it on one line: {key}: [{item}]";
    }

    /// <summary>The advice, with the line written with its value in quotes when the value is what starts at <paramref name="column"/>.</summary>
    private string QuoteTheValue(int line, int column, string advice)
    {
        var text = _lines[line];
        var key = KeyColumn(text);
        var match = KeyValue().Match(text[key..]);
        if (!match.Success || match.Groups["value"].Value.Trim() is not { Length: > 0 } value || key + match.Groups["value"].Index != column)
        {
            return advice;
        }

        return $"{advice}: {match.Groups["key"].Value}: \"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>The indentations of the keys a line could belong with: the line above's, then each shallower one up to the top.</summary>
    private List<string> KeyColumnsAbove(int line)
    {
        var columns = new SortedSet<int>();
        var shallowest = int.MaxValue;
        for (var i = line - 1; i >= 0; i--)
        {
            if (IsContent(_lines[i]) && KeyColumn(_lines[i]) is var key && key < shallowest)
            {
                columns.Add(key);
                shallowest = key;
            }
        }

        return [.. columns.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    private int? PreviousContent(int line) => Enumerable.Range(0, line).Reverse().Cast<int?>().FirstOrDefault(i => IsContent(_lines[i!.Value]));

    private int? FirstContent() => Enumerable.Range(0, _lines.Length).Cast<int?>().FirstOrDefault(i => IsContent(_lines[i!.Value]));

    private static bool IsContent(string line) => line.TrimStart() is { Length: > 0 } text && !text.StartsWith('#');

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    /// <summary>Where a line's key starts: after the indentation and any '- ' that opens a list item.</summary>
    private static int KeyColumn(string line)
    {
        var at = Indent(line);
        while (at + 1 < line.Length && line[at] == '-' && line[at + 1] == ' ')
        {
            at += 2;
            while (at < line.Length && line[at] == ' ')
            {
                at++;
            }
        }

        return at;
    }

    private static string Listed(List<string> items) => items.Count < 2 ? string.Concat(items) : $"{string.Join(", ", items[..^1])} and {items[^1]}";

    private static string Spaces(int count) => count == 1 ? "1 space" : $"{count} spaces";

    private Mark Mark(int line, int column) => new(_lineStarts[line] + column, line + 1, column + 1);

    private static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<key>[^\s:#'""][^:#]*?):(?:\s+(?<value>.*))?$")]
    private static partial System.Text.RegularExpressions.Regex KeyValue();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|\s)(?<key>[^\s:#'""-][^:#]*?):\s*(?<style>[|>])[-+0-9]*\s*(?:#.*)?$")]
    private static partial System.Text.RegularExpressions.Regex BlockScalar();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<key>[A-Za-z_][\w-]*):[^\s:/]")]
    private static partial System.Text.RegularExpressions.Regex NoSpaceAfterKey();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:-\s+)?(?<key>[A-Za-z_][\w-]*):\S")]
    private static partial System.Text.RegularExpressions.Regex GluedKey();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z_][\w-]*\s*$")]
    private static partial System.Text.RegularExpressions.Regex Word();
}
