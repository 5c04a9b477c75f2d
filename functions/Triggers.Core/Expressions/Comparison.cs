namespace Triggers.Core.Expressions;

/// <summary>
/// Run-time comparisons and membership tests. A null operand makes an ordering false; operands that
/// cannot be compared yield null; text compares ordinally so results never depend on the server's culture.
/// </summary>
internal static class Comparison
{
    /// <summary>The order of two values, or null when they are not comparable (including null operands).</summary>
    public static int? Compare(Value l, Value r)
    {
        switch (l.Kind, r.Kind)
        {
            case (ValueKind.Number, ValueKind.Number):
                return NumberOrder.NeedsText(l, r) ? NumberOrder.Compare(l, r) : l.AsNumber.CompareTo(r.AsNumber);
            case (ValueKind.String, ValueKind.String):
                // Two ISO times held as text order as the instants they name (08:00+01:00 before 07:30Z), as '-' and
                // '==' read them; any other text orders by its characters.
                return Value.LooksLikeTime(l.AsString) && Value.LooksLikeTime(r.AsString) && l.TryGetTime(out var lt) && r.TryGetTime(out var rt)
                    ? lt.CompareTo(rt)
                    : string.CompareOrdinal(l.AsString, r.AsString);
            case (ValueKind.Duration, ValueKind.Duration):
                return l.AsDuration.CompareTo(r.AsDuration);
            case (ValueKind.Time, ValueKind.Time or ValueKind.String) or (ValueKind.String, ValueKind.Time):
                return l.TryGetTime(out var a) && r.TryGetTime(out var b) ? a.CompareTo(b) : null;
            default:
                return null;
        }
    }

    public static Value Ordered(BinaryOp op, Value l, Value r)
    {
        if (l.IsNull || r.IsNull)
        {
            return Value.False;
        }

        if (Compare(l, r) is not { } order)
        {
            return Value.Null;
        }

        return Value.Bool(op switch
        {
            BinaryOp.Less => order < 0,
            BinaryOp.LessEqual => order <= 0,
            BinaryOp.Greater => order > 0,
            _ => order >= 0,
        });
    }

    /// <summary><c>item in list</c> by <see cref="Value.Equals(Value)"/>, or a substring test when the right side is text.</summary>
    public static Value In(Value item, Value container) => container.Kind switch
    {
        ValueKind.List => Value.Bool(ListContains(container.AsList, item)),
        ValueKind.String when item.Kind == ValueKind.String => Value.Bool(container.AsString.Contains(item.AsString, StringComparison.Ordinal)),
        ValueKind.String when item.IsNull => Value.False,
        _ => Value.Null,
    };

    public static Value NotIn(Value item, Value container) => In(item, container) is { Kind: ValueKind.Bool } found ? Value.Bool(!found.AsBool) : Value.Null;

    public static Value Contains(Value container, Value item) => container.IsNull ? Value.False : In(item, container);

    public static Value StartsWith(Value text, Value prefix) => (text.Kind, prefix.Kind) switch
    {
        (ValueKind.String, ValueKind.String) => Value.Bool(text.AsString.StartsWith(prefix.AsString, StringComparison.Ordinal)),
        (ValueKind.Null, _) or (_, ValueKind.Null) => Value.False,
        _ => Value.Null,
    };

    public static Value EndsWith(Value text, Value suffix) => (text.Kind, suffix.Kind) switch
    {
        (ValueKind.String, ValueKind.String) => Value.Bool(text.AsString.EndsWith(suffix.AsString, StringComparison.Ordinal)),
        (ValueKind.Null, _) or (_, ValueKind.Null) => Value.False,
        _ => Value.Null,
    };

    public static Value Min(Value a, Value b) => Compare(a, b) is { } order ? (order <= 0 ? a : b) : Value.Null;

    public static Value Max(Value a, Value b) => Compare(a, b) is { } order ? (order >= 0 ? a : b) : Value.Null;

    private static bool ListContains(IReadOnlyList<Value> list, Value item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Equals(item))
            {
                return true;
            }
        }

        return false;
    }
}
