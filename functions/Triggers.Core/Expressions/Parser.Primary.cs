namespace Triggers.Core.Expressions;

/// <summary>Operands (literals, names, calls, parentheses, lists) and the helpers every level shares.</summary>
internal sealed partial class Parser
{
    private ExprNode? ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String or TokenKind.Duration:
                Advance();
                return new LiteralNode(token.Value, token.Offset, token.Length);
            case TokenKind.True or TokenKind.False or TokenKind.Null:
                Advance();
                var value = token.Kind == TokenKind.Null ? Value.Null : Value.Bool(token.Kind == TokenKind.True);
                return new LiteralNode(value, token.Offset, token.Length);
            case TokenKind.Identifier:
                Advance();
                return Current.Kind == TokenKind.LeftParen ? Nested(token.Offset, () => ParseCall(token)) : new NameNode(token.Text, token.Offset, token.Length);
            case TokenKind.Contains or TokenKind.StartsWith or TokenKind.EndsWith when _tokens[_index + 1].Kind == TokenKind.LeftParen:
                Advance();
                return Nested(token.Offset, () => ParseCall(token));
            case TokenKind.LeftParen:
                return Nested(token.Offset, ParseParenthesised);
            case TokenKind.LeftBracket:
                return Nested(token.Offset, ParseList);
            default:
                return Fail(ExpectedValue(token), ValueHint);
        }
    }

    private const string ValueHint = "a value is a number, \"text\", a duration such as 3d, true, false, null, a path such as account.plan, a call or a [list]";

    private string ExpectedValue(Token found)
    {
        var previous = _index > 0 ? _tokens[_index - 1] : (Token?)null;
        return previous is { Kind: not (TokenKind.Number or TokenKind.String or TokenKind.Duration or TokenKind.Identifier) } p
            ? $"expected a value after '{p.Text}', found {found.Describe()}"
            : $"expected a value, found {found.Describe()}";
    }

    private ExprNode? ParseParenthesised()
    {
        var open = Advance();
        var inner = ParseOr();
        return inner is null || Expect(TokenKind.RightParen, open, "')' to close '('") is null ? null : inner;
    }

    private ExprNode? ParseCall(Token name)
    {
        Advance();
        var arguments = ParseItems(TokenKind.RightParen, name, $"',' or ')' to close '{name.Text}('", out var close);
        return arguments is null ? null : Checked(new CallNode(name.Text, arguments, name.Offset, close.End - name.Offset));
    }

    private ExprNode? ParseList()
    {
        var open = Advance();
        var items = ParseItems(TokenKind.RightBracket, open, "',' or ']' to close '['", out var close);
        return items is null ? null : Checked(new ListNode(items, open.Offset, close.End - open.Offset));
    }

    /// <summary>Comma-separated expressions up to and including <paramref name="closer"/>; <paramref name="open"/> is named if it is missing.</summary>
    private List<ExprNode>? ParseItems(TokenKind closer, Token open, string expected, out Token close)
    {
        var items = new List<ExprNode>();
        close = Current;
        if (Current.Kind == closer)
        {
            Advance();
            return items;
        }

        while (true)
        {
            var item = ParseOr();
            if (item is null)
            {
                return null;
            }

            items.Add(item);
            close = Current;
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            return Expect(closer, open, expected) is null ? null : items;
        }
    }

    private Token? Expect(TokenKind kind, Token open, string what)
    {
        if (Current.Kind == kind)
        {
            return Advance();
        }

        var where = _reporter.Map.Describe(open.Offset, Current.Offset);
        Fail($"expected {what} opened at {where}, found {Current.Describe()}",
            $"every '{open.Text}' needs its closing '{Closer(open)}'; items inside are separated by ','");
        return null;
    }

    private static char Closer(Token open) => open.Kind == TokenKind.LeftBracket ? ']' : ')';

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.End)
        {
            _index++;
        }

        return token;
    }

    private ExprNode? Checked(ExprNode node) =>
        node.Depth <= MaxDepth ? node : Fail(node.Offset, $"expression nested too deeply (more than {MaxDepth} levels)", "split it into simpler conditions");

    private ExprNode? Fail(string message, string? hint = null) => Fail(Current.Offset, message, hint);

    private ExprNode? Fail(int offset, string message, string? hint = null)
    {
        _reporter.Error(offset, ExpressionCodes.Syntax, message, hint);
        return null;
    }
}
