using YamlDotNet.Core;

namespace Triggers.Core.Loading;

// Where the parser gives up only at the end of the file (a bracket or quote it read on to the end for), the cause is
// looked for in the text, line by line, since the parser's position says nothing about it.
internal sealed partial class YamlSyntaxWording
{
    /// <summary>
    /// Why the parser gave up at the end of the file with no bracket open, looked for line by line: a ':' with no key, a
    /// '{' or '[' in the middle of a value inside brackets (which opens another), or a quote that starts a value and is
    /// not closed on its line (a quoted value may run over lines, but a playbook's never need to). Null when none is found.
    /// </summary>
    public static (Mark At, string Message, string Hint)? AtTheEndOfTheFile(string text)
    {
        var wording = new YamlSyntaxWording(text);
        for (var i = 0; i < wording._lines.Length; i++)
        {
            var line = wording._lines[i];
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.TrimStart().StartsWith(':'))
            {
                return (wording.Mark(i, Indent(line)), "a ':' with no key before it", "write the key before the ':', or delete it");
            }

            if (StrayFirst().Match(line) is { Success: true } stray)
            {
                // "  \    data: {": a character typed before a key, which turns the line into text.
                var at = stray.Groups["stray"].Index;
                return (wording.Mark(i, at), $"a stray '{line[at]}' before '{stray.Groups["key"].Value}': YAML reads the line as text, not as a key and its value",
                    "delete it");
            }

            if (line.TrimStart() is ['{' or '[', ..] opened && opened.Count(c => c is '{' or '[') > opened.Count(c => c is '}' or ']'))
            {
                // A line that opens a mapping or list where a key was due, and never closes it.
                return NeverClosed((wording.Mark(i, Indent(line)), opened[0]));
            }

            if (MidWordBracket().Match(line) is { Success: true } bracket)
            {
                // priya@ve{ndor.test inside { }: a bracket YAML takes for the start of a mapping or list, so the pairs no longer match.
                var at = bracket.Groups["bracket"].Index;
                return MidWord(wording.Mark(i, at), line, at);
            }

            foreach (System.Text.RegularExpressions.Match start in QuoteStart().Matches(line))
            {
                var at = start.Index + start.Length - 1;
                var quote = line[at];
                if (!Closed(line, at, quote))
                {
                    return (wording.Mark(i, at), $"this {quote} is never closed: the file ends before the value's closing {quote}",
                        $"end the value with {quote} on the line it starts on: title: {quote}Welcome aboard{quote}");
                }
            }
        }

        return wording.UnclosedBracket() is { } unclosed ? NeverClosed(unclosed) : null;

        static bool Closed(string line, int open, char quote)
        {
            for (var j = open + 1; j < line.Length; j++)
            {
                if (quote == '"' && line[j] == '\\')
                {
                    j++;
                }
                else if (line[j] == quote && !(quote == '\'' && j + 1 < line.Length && line[j + 1] == '\''))
                {
                    return true;
                }
                else if (line[j] == quote)
                {
                    j++; // '' inside single quotes
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The last '{' or '[' left open at the end of the file, counted over the whole text outside comments and quoted
    /// values (a quote counts as one only where a value starts, so the apostrophe in <c>don't</c> is text), or null.
    /// </summary>
    private (Mark At, char Opener)? UnclosedBracket()
    {
        var open = new Stack<(Mark, char)>();
        for (var i = 0; i < _lines.Length; i++)
        {
            var line = _lines[i];
            for (var j = 0; j < line.Length; j++)
            {
                var c = line[j];
                var before = line[..j].TrimEnd();
                if (c == '#' && (j == 0 || line[j - 1] is ' ' or '\t'))
                {
                    break; // a comment runs to the end of the line
                }

                if (c is '\'' or '"' && (before.Length == 0 || before[^1] is ':' or '-' or '[' or '{' or ','))
                {
                    var close = line.IndexOf(c, j + 1);
                    if (close < 0)
                    {
                        break; // not closed on its line: the rest of the line is the value
                    }

                    j = close;
                    continue;
                }

                if (c is '{' or '[')
                {
                    open.Push((Mark(i, j), c));
                }
                else if (c is '}' or ']' && open.Count > 0)
                {
                    open.Pop();
                }
            }
        }

        return open.Count > 0 ? open.Peek() : null;
    }

    /// <summary>A '{' or '[' at <paramref name="at"/> in the middle of a value inside brackets, with the value to quote.</summary>
    private static (Mark, string, string) MidWord(Mark mark, string line, int at)
    {
        var start = at - 1;
        while (start > 0 && !(line[start] == ' ' && line[start - 1] is ':' or ',') && line[start] is not ('{' or '[' or ','))
        {
            start--;
        }

        var end = line.IndexOfAny([',', '}', ']'], at + 1);
        var value = line[(start + 1)..(end < 0 ? line.Length : end)].Trim();
        return (mark, $"a '{line[at]}' inside a value within '{{ }}' or '[ ]': YAML reads it as the start of a {(line[at] == '{' ? "mapping" : "list")}, so the brackets no longer pair up",
            $"put the value in quotes: \"{value}\"");
    }

    /// <summary>Whether nothing but white space follows <paramref name="at"/>: the parser stopped at the end of the file.</summary>
    private bool AtTheEnd(Mark at) => _text.AsSpan((int)Math.Min(at.Index, _text.Length)).Trim().IsEmpty;

    private static (Mark, string, string) NeverClosed((Mark At, char Opener) open)
    {
        var closer = open.Opener == '{' ? '}' : ']';
        return (open.At, $"this '{open.Opener}' is never closed: the file ends before its '{closer}'",
            $"add the '{closer}' after the last {(open.Opener == '{' ? "entry" : "item")}");
    }

    // Inside a flow collection (a '{' or '[' earlier on the line), a '{' or '[' right after a character of a plain value.
    [System.Text.RegularExpressions.GeneratedRegex(@"[{\[][^#'""]*?[:,] *(?<value>[^\s{}\[\],'""][^{}\[\],]*?(?<bracket>[{\[])[^{}\[\],]*)")]
    private static partial System.Text.RegularExpressions.Regex MidWordBracket();

    // A line that starts with a character no key or value starts with, then a key: "  \    data: {".
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?<stray>[\\`@%&*!|>?;~^=+])\s*(?<key>[A-Za-z_][\w-]*):(?:\s|$)")]
    private static partial System.Text.RegularExpressions.Regex StrayFirst();

    // A quote where a value starts: at the start of the line, after "key: ", "- ", '[', '{' or ','. Comment lines are skipped.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^\s*|: +|^\s*- +|[\[{,] *)['""]")]
    private static partial System.Text.RegularExpressions.Regex QuoteStart();
}
