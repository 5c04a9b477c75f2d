using Triggers.Core.Diagnostics;

namespace Triggers.Core.Expressions;

/// <summary>Parses and compiles <c>{{ }}</c> templates: e-mail addresses, task titles, webhook and event bodies.</summary>
public static class TemplateCompiler
{
    private const string Open = "{{";
    private const string Close = "}}";

    /// <summary>
    /// Compiles <paramref name="text"/>, whose first character sits at <paramref name="start"/>. Reports
    /// every malformed hole (TRG105) and every error inside the holes; returns null when there was any.
    /// Never throws, whatever the text. <paramref name="positions"/>, when given, places each offset into the text in the
    /// file (see <see cref="ExpressionCompiler.Compile"/>).
    /// </summary>
    public static CompiledTemplate? Compile(string text, SourceLocation start, ExpressionRoots allowed, DiagnosticBag diagnostics,
        Func<int, SourceLocation>? positions = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        text ??= "";
        var reporter = new Reporter(new TextMap(text, start, positions), diagnostics);
        var parts = new List<TemplatePart>();
        var isSingleHole = false;
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new TemplatePart(text[position..], null));
                break;
            }

            if (open > position)
            {
                parts.Add(new TemplatePart(text[position..open], null));
            }

            var close = FindClose(text, open + Open.Length, out var nextOpen);
            if (close < 0)
            {
                if (nextOpen < text.Length && text.IndexOf(Close, nextOpen, StringComparison.Ordinal) is var inner and >= 0 &&
                    text.IndexOf(Close, inner + Close.Length, StringComparison.Ordinal) >= 0)
                {
                    // {{ {{ x }} }}: closed after all, but with another hole inside.
                    reporter.Error(nextOpen, ExpressionCodes.TemplateSyntax, "a '{{' inside a hole: holes do not nest",
                        "write one hole per value, {{ account.name }}, and put text between holes outside them");
                    position = text.Length;
                    continue;
                }

                reporter.Error(open, ExpressionCodes.TemplateSyntax, "'{{' is not closed: add '}}' after the expression",
                    "a template hole looks like {{ account.name }}");
                position = nextOpen;
                continue;
            }

            isSingleHole = open == 0 && close + Close.Length == text.Length;
            parts.Add(new TemplatePart(text[open..(close + Close.Length)], CompileHole(reporter, open, close, allowed)));
            position = close + Close.Length;
        }

        return reporter.ErrorCount > 0 ? null : new CompiledTemplate(text, parts, isSingleHole);
    }

    private static CompiledExpression? CompileHole(Reporter reporter, int open, int close, ExpressionRoots allowed)
    {
        var from = open + Open.Length;
        if (string.IsNullOrWhiteSpace(reporter.Map.Text[from..close]))
        {
            reporter.Error(open, ExpressionCodes.TemplateSyntax, "empty '{{ }}': write an expression between the braces",
                "for example {{ account.name }}");
            return null;
        }

        if (reporter.Map.Text[from] == '{')
        {
            reporter.Error(open, ExpressionCodes.TemplateSyntax, "'{{{': a hole opens with two braces, and the third would be read as part of the expression",
                "write {{ account.name }}; a brace meant as text goes in quotes inside the hole: {{ '{' + account.name + '}' }}");
            return null;
        }

        return ExpressionPipeline.Compile(reporter, from, close, allowed, ExprType.Any);
    }

    /// <summary>
    /// Where the hole starting at <paramref name="from"/> ends, or -1 when it does not. Quoted text may hold
    /// braces, so quotes are skipped; a '{{' before any '}}' means the author forgot to close this hole, and
    /// <paramref name="nextOpen"/> says where scanning resumes.
    /// </summary>
    private static int FindClose(string text, int from, out int nextOpen)
    {
        nextOpen = text.Length;
        var i = from;
        while (i < text.Length - 1)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var end = SkipQuoted(text, i);
                if (end < 0)
                {
                    // The quote is never closed: let the expression's own lexer say so, inside the hole.
                    return text.IndexOf(Close, from, StringComparison.Ordinal);
                }

                i = end;
                continue;
            }

            if (c == '}' && text[i + 1] == '}')
            {
                return i;
            }

            if (c == '{' && text[i + 1] == '{')
            {
                nextOpen = i;
                return -1;
            }

            i++;
        }

        return -1;
    }

    private static int SkipQuoted(string text, int quoteAt)
    {
        var quote = text[quoteAt];
        for (var i = quoteAt + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i + 1;
            }
        }

        return -1;
    }
}
