using System.Globalization;
using System.Text;
using Triggers.Core.Model;

namespace Triggers.Core.Expressions;

/// <summary>
/// Splits an expression into tokens. Stops at the first malformed token: one clear syntax error beats a
/// cascade of guesses about what the author meant.
/// </summary>
internal sealed class Lexer(Reporter reporter, int from, int to)
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
        ["null"] = TokenKind.Null,
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["in"] = TokenKind.In,
        ["contains"] = TokenKind.Contains,
        ["starts_with"] = TokenKind.StartsWith,
        ["ends_with"] = TokenKind.EndsWith,
    };

    private readonly string _text = reporter.Map.Text;
    private readonly List<Token> _tokens = [];
    private readonly int _from = from;
    private int _pos = from;

    public static bool IsKeyword(string word) => Keywords.ContainsKey(word);

    /// <summary>The tokens ending with <see cref="TokenKind.End"/>, or null after reporting a syntax error.</summary>
    public List<Token>? Tokenize()
    {
        while (true)
        {
            while (_pos < to && _text[_pos] is ' ' or '\t' or '\r' or '\n')
            {
                _pos++;
            }

            if (_pos >= to)
            {
                _tokens.Add(new Token(TokenKind.End, to, 0, ""));
                return _tokens;
            }

            if (!Next())
            {
                return null;
            }
        }
    }

    private bool Next()
    {
        var c = _text[_pos];
        if (char.IsAsciiDigit(c))
        {
            return Number();
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            Word();
            return true;
        }

        if (c is '"' or '\'')
        {
            return Text(c);
        }

        return Symbol(c);
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private void Word()
    {
        var start = _pos;
        while (_pos < to && IsWordChar(_text[_pos]))
        {
            _pos++;
        }

        var word = _text[start.._pos];
        var kind = Keywords.GetValueOrDefault(word, TokenKind.Identifier);
        _tokens.Add(new Token(kind, start, _pos - start, word));
    }

    private bool Number()
    {
        var start = _pos;
        SkipDigits();
        var isDecimal = _pos + 1 < to && _text[_pos] == '.' && char.IsAsciiDigit(_text[_pos + 1]);
        if (isDecimal)
        {
            _pos++;
            SkipDigits();
        }

        var suffixStart = _pos;
        while (_pos < to && IsWordChar(_text[_pos]))
        {
            _pos++;
        }

        if (_pos - suffixStart == 1 && _text[suffixStart] is 'e' or 'E' && _pos + 1 < to && _text[_pos] is '+' or '-' && char.IsAsciiDigit(_text[_pos + 1]))
        {
            _pos++; // an exponent with its sign (2.5e-3): one mistake to report, not a word and a subtraction
            SkipDigits();
        }

        var spelling = _text[start.._pos];
        if (_pos > suffixStart)
        {
            return Duration(start, spelling, isDecimal, _pos - suffixStart == 1);
        }

        var number = double.Parse(spelling, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            reporter.Error(start, ExpressionCodes.Syntax, $"the number {spelling} is too large", "numbers go up to about 1.7e308");
            return false;
        }

        // Kept with its digits when a double cannot hold them (an id of 19 digits), as numbers read from events are.
        // Leading zeros (an id written 000123) say nothing: without them the digits are a JSON number's and kept as such.
        var digits = spelling.TrimStart('0') is { Length: > 0 } trimmed && trimmed[0] != '.' ? trimmed : "0" + spelling.TrimStart('0');
        _tokens.Add(new Token(TokenKind.Number, start, spelling.Length, spelling, Engine.JsonNumber.FromText(digits, number)));
        return true;
    }

    private bool Duration(int start, string spelling, bool isDecimal, bool oneLetter)
    {
        if (!isDecimal && oneLetter && DurationParser.TryParse(spelling, out var duration))
        {
            _tokens.Add(new Token(TokenKind.Duration, start, spelling.Length, spelling, Value.Duration(duration)));
            return true;
        }

        if (System.Text.RegularExpressions.Regex.IsMatch(spelling, @"^\d+(\.\d+)?[eE][+-]?\d+$") &&
            double.TryParse(spelling, NumberStyles.Float, CultureInfo.InvariantCulture, out var written))
        {
            var full = written.ToString("0.############################", CultureInfo.InvariantCulture);
            reporter.Error(start, ExpressionCodes.Syntax, $"'{spelling}' is a number written with an exponent, which expressions do not read",
                !double.IsFinite(written) ? "and it is beyond the largest number there is (about 1.7e308)"
                : full == "0" && spelling[..spelling.IndexOfAny(['e', 'E'])].AsSpan().IndexOfAnyInRange('1', '9') >= 0
                    ? "and it is too small to write out: write 0 if that is what it means"
                : $"write it in full: {full}");
            return false;
        }

        var unit = spelling[^1];
        var message = isDecimal && oneLetter && unit is 's' or 'm' or 'h' or 'd' or 'w'
            ? $"'{spelling}' is not a duration: durations are whole numbers (write 90m, not 1.5h)"
            : oneLetter && unit is 's' or 'm' or 'h' or 'd' or 'w'
                ? DurationParser.TooLong(spelling)
                : $"'{spelling}' is neither a number nor a duration";
        reporter.Error(start, ExpressionCodes.Syntax, message, $"write durations as {DurationParser.Spelling}");
        return false;
    }

    private void SkipDigits()
    {
        while (_pos < to && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private bool Text(char quote)
    {
        var start = _pos++;
        var value = new StringBuilder();
        while (_pos < to)
        {
            var c = _text[_pos];
            if (c == quote)
            {
                _pos++;
                _tokens.Add(new Token(TokenKind.String, start, _pos - start, _text[start.._pos], Value.String(value.ToString())));
                return true;
            }

            if (c == '\\')
            {
                if (!Escape(value))
                {
                    return false;
                }

                continue;
            }

            value.Append(c);
            _pos++;
        }

        reporter.Error(start, ExpressionCodes.Syntax, $"the text starting here is not closed: add a closing {quote}",
            $"a {quote} inside the text is written \\{quote}; in YAML, quote the whole expression with the other quote mark");
        return false;
    }

    private bool Escape(StringBuilder value)
    {
        var escaped = _pos + 1 < to ? _text[_pos + 1] : '\0';
        char? meaning = escaped switch
        {
            '"' or '\'' or '\\' => escaped,
            'n' => '\n',
            't' => '\t',
            _ => null,
        };
        if (meaning is null)
        {
            var shown = _pos + 1 < to ? $"'\\{escaped}'" : "'\\' at the end";
            reporter.Error(_pos, ExpressionCodes.Syntax, $"unknown escape {shown} in text",
                "inside quotes write \\\" \\' \\\\ \\n or \\t; a lone backslash is written \\\\");
            return false;
        }

        value.Append(meaning.Value);
        _pos += 2;
        return true;
    }

    private bool Symbol(char c)
    {
        var next = _pos + 1 < to ? _text[_pos + 1] : '\0';
        var (kind, length) = (c, next) switch
        {
            ('=', '=') => (TokenKind.Equal, 2),
            ('!', '=') => (TokenKind.NotEqual, 2),
            ('<', '=') => (TokenKind.LessEqual, 2),
            ('>', '=') => (TokenKind.GreaterEqual, 2),
            ('&', '&') => (TokenKind.And, 2),
            ('|', '|') => (TokenKind.Or, 2),
            ('!', _) => (TokenKind.Not, 1),
            ('<', _) => (TokenKind.Less, 1),
            ('>', _) => (TokenKind.Greater, 1),
            ('+', _) => (TokenKind.Plus, 1),
            ('-', _) => (TokenKind.Minus, 1),
            ('*', _) => (TokenKind.Star, 1),
            ('/', _) => (TokenKind.Slash, 1),
            ('%', _) => (TokenKind.Percent, 1),
            ('(', _) => (TokenKind.LeftParen, 1),
            (')', _) => (TokenKind.RightParen, 1),
            ('[', _) => (TokenKind.LeftBracket, 1),
            (']', _) => (TokenKind.RightBracket, 1),
            (',', _) => (TokenKind.Comma, 1),
            ('.', _) => (TokenKind.Dot, 1),
            _ => (TokenKind.End, 0),
        };
        if (length == 0)
        {
            Unexpected(c);
            return false;
        }

        _tokens.Add(new Token(kind, _pos, length, _text.Substring(_pos, length)));
        _pos += length;
        return true;
    }

    private void Unexpected(char c)
    {
        var (message, hint) = c switch
        {
            '=' => ("'=' alone is not an operator", "compare with '=='"),
            '&' => ("'&' alone is not an operator", "write 'and' or '&&'"),
            '|' => ("'|' alone is not an operator", "write 'or' or '||'"),
            '{' or '}' => ($"unexpected '{c}' in an expression", "braces are no part of an expression: '{{ }}' marks a hole in text (a title, a body), and a condition is written without them"),
            _ => UnexpectedCharacter(),
        };
        reporter.Error(_pos, ExpressionCodes.Syntax, message, hint);
    }

    /// <summary>
    /// The character at the position named whole (an emoji is one character, U+1F600, not two UTF-16 halves), by its
    /// code point where it cannot be seen or told from a look-alike, with a hint for what it was probably meant to be.
    /// </summary>
    private (string Message, string Hint) UnexpectedCharacter()
    {
        const string Invisible = "remove it: it is invisible, often pasted in with the text";
        if (Rune.DecodeFromUtf16(_text.AsSpan(_pos, to - _pos), out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return ($"unexpected character U+{(int)_text[_pos]:X4}, half of a character that is not there (a lone surrogate)", Invisible);
        }

        var code = $"U+{rune.Value:X4}";
        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            || (Rune.IsWhiteSpace(rune) && !rune.IsAscii))
        {
            return ($"unexpected character {code}", Invisible);
        }

        if (rune.Value is 0x2018 or 0x2019 or 0x201C or 0x201D)
        {
            return ($"unexpected character '{rune}' ({code}), a typographic quote", "put text in straight quotes, \"text\" or 'text' (editors and chat tools often curl them)");
        }

        var shown = rune.IsAscii ? $"unexpected character '{rune}'" : $"unexpected character '{rune}' ({code})";
        return (shown, MemberHint() ?? "names use letters, digits and '_'; put other text in quotes");
    }

    /// <summary>
    /// For a member name with characters a name cannot have (<c>event.data.😀</c>, <c>event.data.café</c>), the bracket
    /// form that reads it: <c>event.data["😀"]</c>. Null when the character is not part of a member name after a path.
    /// </summary>
    private string? MemberHint()
    {
        var nameStart = _pos;
        while (nameStart > _from && IsWordChar(_text[nameStart - 1])) // a template's hole is a slice of its text: stay in it
        {
            nameStart--;
        }

        var dot = nameStart - 1;
        if (dot <= _from || _text[dot] != '.')
        {
            return null;
        }

        var end = _pos;
        while (end < to && !char.IsWhiteSpace(_text[end]) && !NameEnds.Contains(_text[end]))
        {
            end++;
        }

        var start = dot;
        while (start > _from && (IsWordChar(_text[start - 1]) || _text[start - 1] == '.'))
        {
            start--;
        }

        var target = _text[start..dot];
        return target.Length > 0 && (char.IsAsciiLetter(target[0]) || target[0] == '_') && !target.EndsWith('.')
            ? $"a member whose name has other characters is written in brackets: {target}[\"{_text[nameStart..end]}\"]"
            : null;
    }

    private static readonly System.Buffers.SearchValues<char> NameEnds = System.Buffers.SearchValues.Create(".[](),=!<>+-*/%&|\"'{}");
}
