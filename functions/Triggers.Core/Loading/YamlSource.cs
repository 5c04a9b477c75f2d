using Triggers.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>One YAML file being read: its path for positions, and the bag every reader reports into.</summary>
internal sealed partial class YamlSource(string file, DiagnosticBag diagnostics, string text = "")
{
    public string File { get; } = file;

    /// <summary>The file's text, to place errors inside a scalar's value at the characters as written.</summary>
    public string Text { get; } = text;

    /// <summary>Where each character of <paramref name="node"/>'s value sits in the file; null when only its start is known.</summary>
    public Func<int, SourceLocation>? PositionsOf(YamlScalarNode node) => ScalarPositions.Of(File, Text, node);

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public SourceLocation At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);

    /// <summary>
    /// The <c>:</c> written just before <paramref name="value"/> (only spaces between), or null: where a key with no
    /// name is, since the parser marks such a key at the start of its mapping.
    /// </summary>
    public SourceLocation? ColonBefore(YamlNode value)
    {
        var at = (int)Math.Min(value.Start.Index, Text.Length) - 1;
        while (at >= 0 && Text[at] is ' ' or '\t')
        {
            at--;
        }

        if (at < 0 || Text[at] != ':')
        {
            return null;
        }

        var lineStart = at == 0 ? 0 : Text.LastIndexOf('\n', at - 1) + 1;
        return new SourceLocation(File, Text.AsSpan(0, lineStart).Count('\n') + 1, at - lineStart + 1);
    }

    /// <summary>Where a scalar's text begins: one column past the opening quote of a quoted scalar.</summary>
    public SourceLocation ContentAt(YamlScalarNode node) =>
        node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? At(node).Advance(1) : At(node);

    /// <summary>Parses the text; a syntax error becomes TRG001 at the parser's position and yields null.</summary>
    public static YamlNode? Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        var unreadable = Unreadable(file.Text);
        foreach (var (at, character) in unreadable)
        {
            // Each is reported, not just the first, since the file is not read until all are gone.
            var code = $"U+{(int)character:X4}";
            if (character is '\u2028' or '\u2029' or '\u0085')
            {
                // YamlDotNet ends a line there (YAML 1.1); no editor does, so every position after it would be wrong.
                var name = character switch { '\u2028' => "LINE SEPARATOR", '\u2029' => "PARAGRAPH SEPARATOR", _ => "NEXT LINE" };
                Report(file, diagnostics, at, $"a {name} ({code}) in the text: YAML reads it as the end of a line, though no editor shows one",
                    "delete it (text pasted from a web page or a word processor often carries one); if a new line is meant, start a real one");
            }
            else
            {
                Report(file, diagnostics, at, $"a control character ({code}{(character == '\0' ? ", NUL" : character == '\u001b' ? ", ESC" : "")}) in the text: YAML does not allow it, and most editors do not show it",
                    character == '\0' ? "delete it; a NUL usually means the file is not text or was cut off while being saved"
                        : "delete it: it would reach titles, emails and webhook bodies unseen (a tab, written as a tab, is fine inside a value)");
            }
        }

        if (unreadable.Count > 0)
        {
            return null;
        }

        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(file.Text)));
        try
        {
            stream.Load(parser);
        }
        catch (Exception e) when ((e as YamlLimitException ?? e.InnerException as YamlLimitException) is { } limit)
        {
            ReportDuplicates(file, diagnostics, parser);
            Report(file, diagnostics, limit.Start, limit.Reason, limit.Hint);
            return null;
        }
        catch (YamlException e)
        {
            ReportDuplicates(file, diagnostics, parser);
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabIndent(file.Text) is { } tab)
            {
                // The parser names the mapping it was in; the tab itself is what to fix.
                diagnostics.Error(new SourceLocation(file.Path, tab.Line, tab.Column), ErrorCodes.YamlSyntax,
                    "YAML syntax error: a tab in the indentation", "YAML indents with spaces only: replace the tab with spaces");
                return null;
            }

            if (UnquotedValue(file.Text, (int)e.Start.Line) is { } unquoted)
            {
                diagnostics.Error(new SourceLocation(file.Path, unquoted.Line, unquoted.Column), ErrorCodes.YamlSyntax, unquoted.Message, unquoted.Hint);
                return null;
            }

            if (parser.OpenFlow is { } flowOpen && message.Contains("flow", StringComparison.OrdinalIgnoreCase) && FlowHiddenByComment(file, diagnostics, flowOpen))
            {
                return null;
            }

            if (YamlSyntaxWording.Explain(file.Text, message, e.Start, parser.OpenFlow) is { } explained)
            {
                Report(file, diagnostics, explained.At, $"YAML syntax error: {explained.Message}", explained.Hint);
                return null;
            }

            var opened = parser.OpenFlow is { } flow && message.Contains("flow", StringComparison.OrdinalIgnoreCase)
                ? $" (in the '{flow.Opener}' opened at line {flow.At.Line}, column {flow.At.Column})" : "";
            Report(file, diagnostics, e.Start, $"YAML syntax error: {Tidy(message)}{opened}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet gives up without a position on some malformed input (an unclosed '{' at the end of a
            // file): blame the '{' or '[' still open, else the end of the last part it could read.
            ReportDuplicates(file, diagnostics, parser);
            if (parser.OpenFlow is { } open)
            {
                var closer = open.Opener == '{' ? '}' : ']';
                if (FlowHiddenByComment(file, diagnostics, open))
                {
                    return null;
                }

                Report(file, diagnostics, open.At, $"YAML syntax error: this '{open.Opener}' is never closed: the file ends before its '{closer}'",
                    open.Opener == '{' ? "add the '}' after the mapping's last entry: when: { event: user.invited }"
                        : "add the ']' after the list's last item: events: [user.invited, user.logged_in]");
                return null;
            }

            if (YamlSyntaxWording.AtTheEndOfTheFile(file.Text) is { } quote)
            {
                Report(file, diagnostics, quote.At, $"YAML syntax error: {quote.Message}", quote.Hint);
                return null;
            }

            Report(file, diagnostics, parser.LastEnd, "YAML syntax error: the file ends inside an unclosed '{', '[' or quote");
            return null;
        }

        ReportDuplicates(file, diagnostics, parser); // the first of each key was read: carry on, so the rest is checked too
        if (parser.Tagged.Count > 0)
        {
            // YAML drops a tag from the value, so '!' meant as "not" would leave an empty condition that always holds.
            foreach (var tagged in parser.Tagged)
            {
                var written = Token(file.Text, tagged.Start);
                var value = tagged is YamlDotNet.Core.Events.Scalar { Value: { Length: > 0 } text } ? $"{written} {text}" : written;
                var negation = written.Contains('.', StringComparison.Ordinal) ? $"; for a negation write 'not': not {value.TrimStart('!')}" : "";
                Report(file, diagnostics, tagged.Start, $"YAML reads '{written}' as a tag, which is dropped from the value without a word; playbooks use no tags",
                    $"if the '!' belongs to the value, quote the whole value: '{value.Replace("'", "''", StringComparison.Ordinal)}'{negation}");
            }

            return null;
        }

        if (stream.Documents.Skip(1).FirstOrDefault(d => d.RootNode is not YamlScalarNode { Value: null or "" }) is { } second)
        {
            // Not read: a file holds one playbook, journey, test or target list, and a second one would be lost unseen.
            Report(file, diagnostics, second.RootNode.Start,
                "a second YAML document (after '---'): a file holds one playbook, journey, test or target list, so it would not be read",
                "put it in a file of its own");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain })
        {
            // Nothing to read; said out loud, because a playbook saved half way would otherwise vanish from every run.
            diagnostics.Warning(new SourceLocation(file.Path, 1, 1), ErrorCodes.EmptyFile, "the file is empty (or holds only comments), so nothing in it is read",
                "write a playbook, journey, test or webhook targets in it, or delete it");
            return null;
        }

        CommentsCuttingValues(file, diagnostics, stream.Documents[0]);
        return stream.Documents[0].RootNode;
    }

    /// <summary>
    /// Warns where YAML read the end of a plain value as a comment: a '#' after a space starts one, so
    /// <c>title: Escalation #{{ trigger.data.ticket_id }} needs an answer</c> is the title "Escalation" and nothing more.
    /// A '#' with text straight after it (<c>#{{</c>, <c>#42</c>) was almost always meant as part of the value; a comment
    /// written as one (<c># the CSM's</c>) has a space after it and is left alone.
    /// </summary>
    private static void CommentsCuttingValues(SourceFile file, DiagnosticBag diagnostics, YamlDocument document)
    {
        foreach (var node in document.AllNodes)
        {
            if (node is not YamlScalarNode { Style: ScalarStyle.Plain, Value: { Length: > 0 } value } || node.End.Index >= file.Text.Length)
            {
                continue;
            }

            var end = (int)node.End.Index;
            var lineEnd = file.Text.IndexOf('\n', end) is var newline and >= 0 ? newline : file.Text.Length;
            var rest = file.Text[end..lineEnd].TrimEnd('\r');
            if (CommentRightAfter().Match(rest) is not { Success: true } comment)
            {
                continue;
            }

            var hash = end + comment.Groups["hash"].Index;
            diagnostics.Warning(new SourceLocation(file.Path, (int)node.End.Line, (int)node.End.Column + comment.Groups["hash"].Index), ErrorCodes.CommentCutsValue,
                $"YAML reads '{rest.Trim()}' as a comment, so this value ends at '{value}'",
                $"if the '#' belongs to the value, quote the whole value: \"{file.Text[(int)node.Start.Index..hash].TrimEnd()} {rest[comment.Groups["hash"].Index..].Trim()}\"");
        }
    }

    /// <summary>
    /// <c>{ title: Escalation #{{ id }}, assignee: x }</c>: the ' #' starts a comment that hides the rest of the line, the
    /// closing '}' with it, so the parser reports a '{' never closed. Reported at the '#', which is what to fix.
    /// </summary>
    private static bool FlowHiddenByComment(SourceFile file, DiagnosticBag diagnostics, (Mark At, char Opener) open)
    {
        if (CommentAfter(file.Text, open.At) is not { } column)
        {
            return false;
        }

        var closer = open.Opener == '{' ? '}' : ']';
        diagnostics.Error(new SourceLocation(file.Path, (int)open.At.Line, column), ErrorCodes.YamlSyntax,
            $"YAML syntax error: a ' #' starts a comment, which hides the rest of this line, the '{closer}' that closes the '{open.Opener}' at column {open.At.Column} included",
            "if the '#' belongs to a value, quote that value: { title: \"Escalation #{{ trigger.data.ticket_id }}\" }");
        return true;
    }

    /// <summary>The column of a comment's '#' on the line of <paramref name="at"/>, after it, or null.</summary>
    private static int? CommentAfter(string text, Mark at)
    {
        var lines = text.Split('\n');
        if (at.Line < 1 || at.Line > lines.Length)
        {
            return null;
        }

        var line = lines[at.Line - 1];
        for (var i = (int)at.Column; i < line.Length; i++)
        {
            if (line[i] == '#' && line[i - 1] is ' ' or '\t')
            {
                return i + 1;
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[ \t]+(?<hash>#)[^\s#]")]
    private static partial System.Text.RegularExpressions.Regex CommentRightAfter();

    /// <summary>
    /// The two slips behind most syntax errors in playbooks, looked for on the line the parser stopped at and the
    /// few before it: a plain value that starts with a template (<c>title: {{ account.name }} needs help</c>, which
    /// YAML reads as a mapping) or that holds ": " (<c>title: Renewal: at risk</c>, read as another key).
    /// </summary>
    private static (int Line, int Column, string Message, string Hint)? UnquotedValue(string text, int stoppedAt)
    {
        var lines = text.Split('\n');
        for (var i = Math.Min(stoppedAt, lines.Length) - 1; i >= Math.Max(0, stoppedAt - 4); i--)
        {
            var line = lines[i].TrimEnd('\r');
            if (QuotedThenMore().Match(line) is { Success: true } startsQuoted)
            {
                // where: "vip" in event.data.tags: YAML reads the quoted text as the whole value, then finds more.
                var whole = startsQuoted.Groups["value"].Value.TrimEnd();
                var quotedKey = startsQuoted.Groups["key"].Value;
                var hint = whole.Length > 2 && whole[^1] == whole[0]
                    // 'it's fine' or "say "hi" now": the outer quotes were meant to hold it all, and a quote inside ended it.
                    ? $"a quote inside the value ends it early: in single quotes write a ' as '': {quotedKey}: '{whole[1..^1].Replace("'", "''", StringComparison.Ordinal)}'"
                    : $"quote the whole value: {quotedKey}: '{whole.Replace("'", "''", StringComparison.Ordinal)}'";
                return (i + 1, startsQuoted.Groups["value"].Index + 1,
                    "YAML syntax error: this value starts with quoted text and goes on after the closing quote, which YAML does not allow", hint);
            }

            if (PlainValue().Match(line) is not { Success: true } match)
            {
                continue;
            }

            var (key, value) = (match.Groups["key"].Value, match.Groups["value"].Value.TrimEnd());
            var column = match.Groups["value"].Index + 1;
            var quoted = $"write it like this: {key}: \"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
            if (value.StartsWith("- ", StringComparison.Ordinal))
            {
                return (i + 1, column, "YAML syntax error: a list cannot start on the same line as its key",
                    $"start the list on the next line, each item indented under the key: '{key}:' then '  {value}'; or write it on one line: {key}: [...]");
            }

            if (value.StartsWith("{{", StringComparison.Ordinal))
            {
                return (i + 1, column, "YAML syntax error: a value that starts with '{{' must be in quotes (YAML reads '{' as the start of a mapping)", quoted);
            }

            if (!value.StartsWith('{') && !value.StartsWith('[') && value.Contains(": ", StringComparison.Ordinal))
            {
                return (i + 1, column, "YAML syntax error: this value holds ': ', which YAML reads as the start of another key; put the value in quotes", quoted);
            }
        }

        return null;
    }

    // event:x, which a reader takes for a key and its value.
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z_][\w.-]*:[^\s:/]")]
    private static partial System.Text.RegularExpressions.Regex KeyWithNoSpace();

    // key: value, in a block mapping or a list item, where the value is plain (not quoted) and not a comment.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:-\s+)?(?<key>[A-Za-z_][\w-]*):\s+(?<value>[^\s'""#|>&*!%@`].*)$")]
    private static partial System.Text.RegularExpressions.Regex PlainValue();

    // key: "text" more, or key: 'text' more: a value that starts quoted and does not end there (no comment after it).
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:-\s+)?(?<key>[A-Za-z_][\w-]*):\s+(?<value>(?:""(?:[^""\\]|\\.)*""|'(?:[^']|'')*')[ \t]*[^\s#,}\]].*)$")]
    private static partial System.Text.RegularExpressions.Regex QuotedThenMore();

    /// <summary>The first tab in a line's leading whitespace (before any text), 1-based; null when none.</summary>
    private static (int Line, int Column)? TabIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.AsSpan(0, indent).IndexOf('\t');
            if (tab >= 0 && indent < line.Length)
            {
                return (i + 1, tab + 1);
            }
        }

        // None before text: a line of white space only, which YAML can take for the start of an indented line.
        var blank = Array.FindIndex(lines, l => l.TrimEnd('\r').Contains('\t', StringComparison.Ordinal) && l.Trim().Length == 0);
        return blank < 0 ? null : (blank + 1, lines[blank].IndexOf('\t', StringComparison.Ordinal) + 1);
    }

    /// <summary>TRG001 at each key written twice in one mapping.</summary>
    private static void ReportDuplicates(SourceFile file, DiagnosticBag diagnostics, TrackingParser parser)
    {
        foreach (var (key, first) in parser.Duplicates)
        {
            Report(file, diagnostics, key.Start, $"duplicate key '{key.Value}': this mapping already has it at line {first.Line}, column {first.Column}",
                "a key may appear once in a mapping: remove one of them; if they belong to different items, check the indentation or the '- ' that starts an item");
        }
    }

    private static void Report(SourceFile file, DiagnosticBag diagnostics, Mark at, string message,
        string hint = "check indentation and that every '{', '[' and quote is closed")
    {
        var (line, column) = (Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column));
        var lines = file.Text.Split('\n');
        var count = lines.Length - (file.Text.EndsWith('\n') ? 1 : 0);
        if (line > count && count > 0)
        {
            // The parser places an error at the end of a file with no final newline on the line after it, which
            // no editor has: point at the end of the last line instead.
            (line, column) = (count, lines[count - 1].TrimEnd('\r').Length + 1);
        }

        diagnostics.Error(new SourceLocation(file.Path, line, column), ErrorCodes.YamlSyntax, message, hint);
    }

    /// <summary>The text written at a position up to the next space or flow punctuation: a tag as it was typed.</summary>
    private static string Token(string text, Mark at)
    {
        var start = (int)Math.Min(at.Index, text.Length);
        var end = text.AsSpan(start).IndexOfAny(TokenEnds);
        return end < 0 ? text[start..] : text.Substring(start, end);
    }

    private static readonly System.Buffers.SearchValues<char> TokenEnds = System.Buffers.SearchValues.Create(" \t\r\n,]}");

    /// <summary>
    /// The characters YAML does not allow in a file (controls other than tab and line breaks, DEL, the C1 block) and
    /// those YAML 1.1 takes for line breaks though editors do not (U+2028, U+2029, U+0085): at most 20, with where they are.
    /// </summary>
    private static List<(Mark At, char Character)> Unreadable(string text)
    {
        var found = new List<(Mark, char)>();
        for (var index = text.AsSpan().IndexOfAny(UnreadableCharacters); index >= 0 && found.Count < 20;)
        {
            var line = text.AsSpan(0, index).Count('\n') + 1;
            var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
            found.Add((new Mark(index, line, index - lineStart + 1), text[index]));
            var next = text.AsSpan(index + 1).IndexOfAny(UnreadableCharacters);
            index = next < 0 ? -1 : index + 1 + next;
        }

        return found;
    }

    private static readonly System.Buffers.SearchValues<char> UnreadableCharacters = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0xA0).Where(c => c is < 0x20 and not ('\t' or '\n' or '\r') or >= 0x7F).Select(c => (char)c)) + "\u2028\u2029\uFFFE\uFFFF");

    private static string Tidy(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 40) - (Line: ...): "; we print positions ourselves.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = cut >= 0 ? message[(cut + 3)..] : message;
        return text.TrimEnd('.');
    }

    /// <summary>
    /// Whether every key of every mapping in <paramref name="node"/> is text, as JSON names must be; each that is not
    /// (<c>? [a, b] : c</c>) is reported where it is written.
    /// </summary>
    public bool KeysAreText(YamlNode node, string what)
    {
        var ok = true;
        var stack = new Stack<YamlNode>([node]);
        while (stack.TryPop(out var current))
        {
            switch (current)
            {
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        if (key is not YamlScalarNode)
                        {
                            Diagnostics.Error(At(key), ErrorCodes.WrongType, $"a key in {what} must be plain text, not {Describe(key)}",
                                "write each key as a name: { seats: 5 }");
                            ok = false;
                        }

                        stack.Push(value);
                    }

                    break;
                case YamlSequenceNode list:
                    foreach (var item in list.Children)
                    {
                        stack.Push(item);
                    }

                    break;
            }
        }

        return ok;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain } => "nothing",
        YamlScalarNode { Style: ScalarStyle.Plain } s when KeyWithNoSpace().IsMatch(s.Value ?? "") =>
            $"'{s.Value}' (with no space after the ':', YAML reads it as one piece of text, not as a key and its value)",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };
}
