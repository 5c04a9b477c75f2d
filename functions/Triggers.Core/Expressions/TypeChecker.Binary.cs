namespace Triggers.Core.Expressions;

/// <summary>Typing of infix operators: logic, comparisons, membership and arithmetic.</summary>
internal sealed partial class TypeChecker
{
    private ExprType CheckBinary(BinaryNode node)
    {
        if (DashedName(node) is { } dashed)
        {
            return dashed;
        }

        var left = Check(node.Left);
        var right = Check(node.Right);
        switch (node.Op)
        {
            case BinaryOp.And or BinaryOp.Or:
                RequireCondition(node.Left, left, $"'{node.OperatorText}' needs a condition (true/false) on its left");
                RequireCondition(node.Right, right, $"'{node.OperatorText}' needs a condition (true/false) on its right");
                return ExprType.Bool;
            case BinaryOp.Equal or BinaryOp.NotEqual:
                CheckComparable(node, left, right, TypeRules.CanEqual(left, right));
                return ExprType.Bool;
            case BinaryOp.Less or BinaryOp.LessEqual or BinaryOp.Greater or BinaryOp.GreaterEqual:
                CheckOrdering(node, left, right);
                return ExprType.Bool;
            case BinaryOp.In or BinaryOp.NotIn:
                CheckMembership(node.Right, right, node.Left, left, $"'{node.OperatorText}' needs a list or text on its right");
                return ExprType.Bool;
            case BinaryOp.Contains:
                CheckMembership(node.Left, left, node.Right, right, "'contains' needs a list or text on its left");
                return ExprType.Bool;
            case BinaryOp.StartsWith or BinaryOp.EndsWith:
                RequireText(node.Left, left, $"'{node.OperatorText}' needs text on its left");
                RequireText(node.Right, right, $"'{node.OperatorText}' needs text on its right");
                return ExprType.Bool;
            default:
                return CheckArithmetic(node, left, right);
        }
    }

    /// <summary>
    /// A member name with a '-' written as a path (<c>event.data.ticket-id</c>) reads as a subtraction of an unknown
    /// name: said as such, with the spelling that reads the member, rather than "unknown name 'id'". Null otherwise.
    /// </summary>
    private ExprType? DashedName(BinaryNode node)
    {
        var rightmost = node.Right;
        while (rightmost is MemberNode inner)
        {
            rightmost = inner.Target;
        }

        if (node.Op != BinaryOp.Subtract || node.Left is not MemberNode { Target: var target } member || rightmost is not NameNode name ||
            RootNames.Find(name.Name) is not null || member.End != node.OperatorOffset || node.OperatorOffset + 1 != node.Right.Offset)
        {
            return null;
        }

        Check(target);
        var key = $"{member.Name}-{name.Name}";
        reporter.Error(member.NameOffset, ExpressionCodes.UnknownRoot,
            $"'{key}' reads as {member.Name} minus {name.Name} here: a name holding '-' is written in brackets",
            $"write it as {PathText(target)}[\"{key}\"]");
        return ExprType.Any;
    }

    private static string PathText(ExprNode node) => node switch
    {
        NameNode name => name.Name,
        MemberNode member => $"{PathText(member.Target)}.{member.Name}",
        _ => "...",
    };

    private void CheckComparable(BinaryNode node, ExprType left, ExprType right, bool compatible)
    {
        if (!compatible)
        {
            reporter.Error(node.OperatorOffset, ExpressionCodes.TypeMismatch,
                $"cannot compare {TypeNames.Describe(left)} with {TypeNames.Describe(right)}", QuotedDurationHint(node) ?? ComparisonHint(left, right));
            return;
        }

        CheckDateText(node.Left, right, node.Op);
        CheckDateText(node.Right, left, node.Op);
    }

    /// <summary>A duration written in quotes (<c>"3d"</c>) is text: the slip is the quotes, so the hint says to drop them.</summary>
    private static string? QuotedDurationHint(BinaryNode node) =>
        (node.Left, node.Right) switch
        {
            (LiteralNode { Value.Kind: ValueKind.String } l, _) when Model.DurationParser.TryParse(l.Value.AsString, out _) => Unquote(l.Value.AsString),
            (_, LiteralNode { Value.Kind: ValueKind.String } r) when Model.DurationParser.TryParse(r.Value.AsString, out _) => Unquote(r.Value.AsString),
            _ => null,
        };

    private static string Unquote(string duration) => $"\"{duration}\" in quotes is text; a duration is written without them: {duration}";

    /// <summary>The usual slips behind a comparison of mismatched types, and how to write each.</summary>
    private static string? ComparisonHint(ExprType left, ExprType right) => (left, right) switch
    {
        (ExprType.Duration, ExprType.Number) or (ExprType.Number, ExprType.Duration) =>
            "a duration has a unit: compare it with 3d, 12h or 45m, or turn it into a number with days(...) or hours(...)",
        (ExprType.Time, ExprType.Number) or (ExprType.Number, ExprType.Time) =>
            "a time compares with a time (trigger.time, a date trait) or, after subtracting one, a duration such as 3d",
        (ExprType.String, ExprType.Number) or (ExprType.Number, ExprType.String) =>
            "text compares with text: put the number in quotes (\"3\"), or compare a number trait with a number",
        _ => null,
    };

    private void CheckOrdering(BinaryNode node, ExprType left, ExprType right)
    {
        if (left == ExprType.Null || right == ExprType.Null)
        {
            reporter.Error(node.OperatorOffset, ExpressionCodes.TypeMismatch,
                $"cannot use '{node.OperatorText}' with null: a missing value is neither smaller nor larger than anything",
                "test for a missing value with == null");
            return;
        }

        if (left == right && !TypeRules.IsOrderable(left))
        {
            reporter.Error(node.OperatorOffset, ExpressionCodes.TypeMismatch,
                $"cannot order {TypeNames.Describe(left)} with '{node.OperatorText}': only numbers, text, times and durations can be ordered");
            return;
        }

        CheckComparable(node, left, right, TypeRules.CanOrder(left, right));
    }

    /// <summary><c>item in container</c> and <c>container contains item</c>: text only holds text.</summary>
    private void CheckMembership(ExprNode containerNode, ExprType container, ExprNode itemNode, ExprType item, string need)
    {
        if (container is not (ExprType.List or ExprType.String or ExprType.Any))
        {
            reporter.Error(containerNode.Offset, ExpressionCodes.TypeMismatch, $"{need} but this is {TypeNames.Describe(container)}");
        }
        else if (container == ExprType.String && item is not (ExprType.String or ExprType.Any or ExprType.Null))
        {
            reporter.Error(itemNode.Offset, ExpressionCodes.TypeMismatch, $"cannot look for {TypeNames.Describe(item)} in text");
        }
        else if (containerNode is ListNode list)
        {
            // A list written out is searched with ==: a member == could never match is an error as with == itself
            // (10 in ["9", "10"] is always false, event.time in ["01/02/2026"] never matches).
            foreach (var member in list.Items.OfType<LiteralNode>())
            {
                var type = Check(member);
                if (!TypeRules.CanEqual(item, type))
                {
                    reporter.Error(member.Offset, ExpressionCodes.TypeMismatch,
                        $"cannot look for {TypeNames.Describe(item)} among {TypeNames.Describe(type)}: a list is searched with ==, which never finds it", ComparisonHint(item, type));
                    break; // one is enough: the others are likely written the same way
                }
                else
                {
                    CheckDateText(member, item, BinaryOp.Equal);
                }
            }
        }
    }

    private void RequireText(ExprNode node, ExprType type, string need)
    {
        if (type is not (ExprType.String or ExprType.Any))
        {
            reporter.Error(node.Offset, ExpressionCodes.TypeMismatch, $"{need} but this is {TypeNames.Describe(type)}");
        }
    }

    private ExprType CheckArithmetic(BinaryNode node, ExprType left, ExprType right)
    {
        if (TypeRules.Arithmetic(node.Op, left, right) is { } result)
        {
            CheckDateText(node.Left, right, node.Op);
            CheckDateText(node.Right, left, node.Op);
            return result;
        }

        var (l, r) = (TypeNames.Describe(left), TypeNames.Describe(right));
        var message = left == ExprType.Any || right == ExprType.Any
            ? $"cannot use {(left == ExprType.Any ? r : l)} with '{node.OperatorText}'"
            : node.Op switch
            {
                BinaryOp.Add => $"cannot add {l} and {r}",
                BinaryOp.Subtract => $"cannot subtract {r} from {l}",
                BinaryOp.Multiply => $"cannot multiply {l} by {r}",
                BinaryOp.Divide => $"cannot divide {l} by {r}",
                _ => $"cannot take the remainder of {l} divided by {r}",
            };
        reporter.Error(node.OperatorOffset, ExpressionCodes.TypeMismatch, message, ArithmeticHint(node.Op, left, right));
        return ExprType.Any;
    }

    /// <summary>The usual slips behind arithmetic on the wrong types, and how to write each.</summary>
    private static string? ArithmeticHint(BinaryOp op, ExprType left, ExprType right) => (op, left, right) switch
    {
        (BinaryOp.Add or BinaryOp.Subtract, ExprType.Time, ExprType.Number) or (BinaryOp.Add, ExprType.Number, ExprType.Time) =>
            "add or subtract a duration, which has a unit: event.time + 3d, trigger.time - 12h",
        (BinaryOp.Add or BinaryOp.Subtract, ExprType.Duration, ExprType.Number) or (BinaryOp.Add or BinaryOp.Subtract, ExprType.Number, ExprType.Duration) =>
            "a duration has a unit (3d + 12h), or turn it into a number first with days(...) or hours(...)",
        (BinaryOp.Add, ExprType.Time, ExprType.Time) =>
            "two times cannot be added; subtracting them gives a duration: event.time - trigger.time < 3d",
        (BinaryOp.Multiply or BinaryOp.Divide, ExprType.Duration, ExprType.Duration) or (BinaryOp.Multiply, ExprType.Time, _) or (BinaryOp.Multiply, _, ExprType.Time) =>
            "scale a duration by a number (3d * 2, 30d / 4), or compare durations as numbers with days(...) or hours(...)",
        (BinaryOp.Add, ExprType.String, ExprType.Number) or (BinaryOp.Add, ExprType.Number, ExprType.String) =>
            "+ joins two texts: put the number in quotes (\"3\"), or add numbers to numbers",
        (BinaryOp.Remainder, _, _) => "% takes two numbers: event.data.count % 10 == 0",
        _ => null,
    };

    private void CheckDateText(ExprNode node, ExprType other, BinaryOp op)
    {
        if (TypeRules.TextMeansTime(op, other))
        {
            DateLiterals.Check(reporter, node);
        }
    }
}
