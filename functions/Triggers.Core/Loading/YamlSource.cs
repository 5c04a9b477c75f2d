using Triggers.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>One YAML file being read: its path for positions, and the bag every reader reports into.</summary>
internal sealed partial class YamlSource(string file, DiagnosticBag diagnostics)
{
    public string File { get; } = file;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public SourceLocation At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);

    /// <summary>Where a scalar's text begins: one column past the opening quote of a quoted scalar.</summary>
    public SourceLocation ContentAt(YamlScalarNode node) =>
        node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? At(node).Advance(1) : At(node);

    /// <summary>Parses the text; a syntax error becomes TRG001 at the parser's position and yields null.</summary>
    public static YamlNode? Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(file.Text)));
        try
        {
            stream.Load(parser);
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
                Report(file, diagnostics, open.At, $"YAML syntax error: this '{open.Opener}' is never closed: the file ends before its '{closer}'",
                    open.Opener == '{' ? "add the '}' after the mapping's last entry: when: { event: user.invited }"
                        : "add the ']' after the list's last item: events: [user.invited, user.logged_in]");
                return null;
            }

            Report(file, diagnostics, parser.LastEnd, "YAML syntax error: the file ends inside an unclosed '{', '[' or quote");
            return null;
        }

        ReportDuplicates(file, diagnostics, parser); // the first of each key was read: carry on, so the rest is checked too
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

        return stream.Documents[0].RootNode;
    }

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
            if (PlainValue().Match(line) is not { Success: true } match)
            {
                continue;
            }

            var (key, value) = (match.Groups["key"].Value, match.Groups["value"].Value.TrimEnd());
            var column = match.Groups["value"].Index + 1;
            var quoted = $"write it like this: {key}: \"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
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

    // key: value, in a block mapping or a list item, where the value is plain (not quoted) and not a comment.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:-\s+)?(?<key>[A-Za-z_][\w-]*):\s+(?<value>[^\s'""#|>&*!%@`].*)$")]
    private static partial System.Text.RegularExpressions.Regex PlainValue();

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

        return null;
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
        string hint = "check indentation and that every '{', '[' and quote is closed") =>
        diagnostics.Error(new SourceLocation(file.Path, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column)), ErrorCodes.YamlSyntax, message, hint);

    private static string Tidy(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 40) - (Line: ...): "; we print positions ourselves.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = cut >= 0 ? message[(cut + 3)..] : message;
        return text.TrimEnd('.');
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };
}
