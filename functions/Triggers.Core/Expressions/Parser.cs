namespace Triggers.Core.Expressions;

/// <summary>
/// Recursive-descent parser, one method per precedence level (loosest first: or, and, not, comparisons,
/// + -, * / %, unary -, postfix). Every method returns null once a syntax error has been reported, and
/// callers return at once, so exactly one error is reported per expression.
/// </summary>
internal sealed partial class Parser(Reporter reporter, List<Token> tokens)
{
    /// <summary>How deeply parentheses, lists, calls and prefix operators may nest.</summary>
    public const int MaxNesting = 64;

    /// <summary>How tall the tree may grow through long operator chains; later stages recurse over it.</summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// How many terms one chain of operators of one precedence may join (<c>a or b or ...</c>, <c>1 + 2 - ...</c>): a
    /// chain is a tree as tall as it is long, and this leaves room for its terms' own depth within <see cref="MaxDepth"/>.
    /// </summary>
    public const int MaxTerms = 200;

    private readonly Reporter _reporter = reporter;
    private readonly List<Token> _tokens = tokens;
    private int _index;
    private int _nesting;

    private Token Current => _tokens[_index];

    public ExprNode? Parse()
    {
        if (Current.Kind == TokenKind.End)
        {
            return Fail("the expression is empty", "write a condition such as account.plan == \"pro\"");
        }

        var node = ParseOr();
        if (node is null)
        {
            return null;
        }

        if (Current.Kind != TokenKind.End)
        {
            var lower = Current.Text.ToLowerInvariant();
            var hint = Current.Kind == TokenKind.Identifier && Lexer.IsKeyword(lower) ? $"keywords are lower case: write '{lower}'"
                : "join conditions with 'and' or 'or', and put text in quotes";
            return Fail($"expected an operator or the end of the expression, found {Current.Describe()}", hint);
        }

        return node;
    }

    /// <summary>Parses one level deeper; <paramref name="offset"/> is the opener blamed when that is too deep.</summary>
    private ExprNode? Nested(int offset, Func<ExprNode?> parse)
    {
        if (_nesting >= MaxNesting)
        {
            return Fail(offset, $"expression nested too deeply (more than {MaxNesting} levels)", "split it into simpler conditions");
        }

        _nesting++;
        var node = parse();
        _nesting--;
        return node;
    }

    private ExprNode? ParseOr() => ParseLeftAssociative(ParseAnd, static kind => kind == TokenKind.Or ? BinaryOp.Or : null);

    private ExprNode? ParseAnd() => ParseLeftAssociative(ParseNot, static kind => kind == TokenKind.And ? BinaryOp.And : null);

    private ExprNode? ParseNot()
    {
        if (Current.Kind != TokenKind.Not)
        {
            return ParseComparison();
        }

        var op = Advance();
        var operand = Nested(op.Offset, ParseNot);
        return operand is null ? null : Checked(new UnaryNode(UnaryOp.Not, op.Text, operand, op.Offset, operand.End - op.Offset));
    }

    private ExprNode? ParseComparison()
    {
        var left = ParseAdditive();
        if (left is null || ComparisonAt(_index) is not { } first)
        {
            return left;
        }

        var opOffset = Current.Offset;
        var text = first.Op == BinaryOp.NotIn ? "not in" : Current.Text;
        _index += first.Tokens;
        var right = ParseAdditive();
        if (right is null)
        {
            return null;
        }

        if (ComparisonAt(_index) is not null)
        {
            var next = Current.Kind == TokenKind.Not ? "not in" : Current.Text;
            return Fail($"comparisons cannot be chained: '{text}' is followed by '{next}'",
                "combine comparisons with 'and', for example a < b and b < c");
        }

        return Checked(new BinaryNode(first.Op, text, opOffset, left, right));
    }

    private (BinaryOp Op, int Tokens)? ComparisonAt(int index) => _tokens[index].Kind switch
    {
        TokenKind.Equal => (BinaryOp.Equal, 1),
        TokenKind.NotEqual => (BinaryOp.NotEqual, 1),
        TokenKind.Less => (BinaryOp.Less, 1),
        TokenKind.LessEqual => (BinaryOp.LessEqual, 1),
        TokenKind.Greater => (BinaryOp.Greater, 1),
        TokenKind.GreaterEqual => (BinaryOp.GreaterEqual, 1),
        TokenKind.In => (BinaryOp.In, 1),
        TokenKind.Contains => (BinaryOp.Contains, 1),
        TokenKind.StartsWith => (BinaryOp.StartsWith, 1),
        TokenKind.EndsWith => (BinaryOp.EndsWith, 1),
        TokenKind.Not when _tokens[index + 1].Kind == TokenKind.In => (BinaryOp.NotIn, 2),
        _ => null,
    };

    private ExprNode? ParseAdditive() => ParseLeftAssociative(ParseMultiplicative, static kind => kind switch
    {
        TokenKind.Plus => BinaryOp.Add,
        TokenKind.Minus => BinaryOp.Subtract,
        _ => null,
    });

    private ExprNode? ParseMultiplicative() => ParseLeftAssociative(ParseUnary, static kind => kind switch
    {
        TokenKind.Star => BinaryOp.Multiply,
        TokenKind.Slash => BinaryOp.Divide,
        TokenKind.Percent => BinaryOp.Remainder,
        _ => null,
    });

    private ExprNode? ParseLeftAssociative(Func<ExprNode?> operand, Func<TokenKind, BinaryOp?> operatorOf)
    {
        var left = operand();
        var terms = 1;
        List<string>? joiners = null;
        while (left is not null && operatorOf(Current.Kind) is { } op)
        {
            var token = Advance();
            joiners ??= [];
            if (!joiners.Contains(token.Text))
            {
                joiners.Add(token.Text);
            }

            if (++terms > MaxTerms)
            {
                return TooLong(token, joiners, op, operand, operatorOf);
            }

            var right = operand();
            left = right is null ? null : Checked(new BinaryNode(op, token.Text, token.Offset, left, right));
        }

        return left;
    }

    /// <summary>
    /// A chain with more than <see cref="MaxTerms"/> terms, reported at the operator past the limit with how many terms
    /// it has in all: the rest is read only to count them, its own errors held back (one error per expression, and this
    /// is the one to fix first).
    /// </summary>
    private ExprNode? TooLong(Token past, List<string> joiners, BinaryOp op, Func<ExprNode?> operand, Func<TokenKind, BinaryOp?> operatorOf)
    {
        var terms = MaxTerms;
        var whole = true;
        _reporter.Hold();
        try
        {
            while (true)
            {
                terms++;
                if (operand() is null)
                {
                    whole = false;
                    break;
                }

                if (operatorOf(Current.Kind) is null)
                {
                    break;
                }

                var token = Advance();
                if (!joiners.Contains(token.Text))
                {
                    joiners.Add(token.Text);
                }
            }
        }
        finally
        {
            _reporter.Release();
        }

        var names = joiners.Select(j => $"'{j}'").ToList();
        var joined = names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
        return Fail(past.Offset, $"expression too long: {(whole ? "" : "at least ")}{terms} terms joined by {joined}; at most {MaxTerms}",
            op == BinaryOp.Or
                ? "to test one value against many, use a list: account.plan in [\"a\", \"b\", \"c\"]; otherwise split the condition over several rules"
                : "split it into simpler conditions, over several rules if need be");
    }

    private ExprNode? ParseUnary()
    {
        if (Current.Kind != TokenKind.Minus)
        {
            return ParsePostfix();
        }

        var op = Advance();
        var operand = Nested(op.Offset, ParseUnary);
        return operand switch
        {
            null => null,
            // Folding keeps -90d and -1 literals, so they print and compare like any other constant.
            LiteralNode { Value.Kind: ValueKind.Number } n =>
                new LiteralNode(Value.Number(-n.Value.AsNumber, n.Value.NumberText is { } digits ? "-" + digits : null), op.Offset, n.End - op.Offset),
            LiteralNode { Value.Kind: ValueKind.Duration } d when d.Value.AsDuration != TimeSpan.MinValue =>
                new LiteralNode(Value.Duration(-d.Value.AsDuration), op.Offset, d.End - op.Offset),
            _ => Checked(new UnaryNode(UnaryOp.Negate, op.Text, operand, op.Offset, operand.End - op.Offset)),
        };
    }

    private ExprNode? ParsePostfix()
    {
        var node = ParsePrimary();
        while (node is not null)
        {
            switch (Current.Kind)
            {
                case TokenKind.Dot:
                    node = ParseMember(node);
                    break;
                case TokenKind.LeftBracket:
                    node = ParseIndex(node);
                    break;
                case TokenKind.LeftParen:
                    return Fail("expected an operator, found '('", "only functions such as lower(x) take arguments in parentheses");
                default:
                    return node;
            }
        }

        return null;
    }

    private ExprNode? ParseMember(ExprNode target)
    {
        Advance();
        var name = Current;
        if (name.Kind is TokenKind.Identifier || (name.Kind is >= TokenKind.True and <= TokenKind.EndsWith && char.IsAsciiLetter(name.Text[0])))
        {
            Advance();
            return Checked(new MemberNode(target, name.Text, name.Offset, target.Offset, name.End - target.Offset));
        }

        return Fail($"expected a name after '.', found {name.Describe()}",
            name.Kind == TokenKind.String ? "for names with other characters write [\"name\"] instead of .name"
            : "a member name starts with a letter (account.plan); write others as [\"name\"], and a list item as [0]");
    }

    private ExprNode? ParseIndex(ExprNode target)
    {
        var open = Advance();
        var index = Nested(open.Offset, ParseOr);
        if (index is null || Expect(TokenKind.RightBracket, open, "']' to close '['") is not { } close)
        {
            return null;
        }

        return Checked(new IndexNode(target, index, open.Offset, target.Offset, close.End - target.Offset));
    }
}
