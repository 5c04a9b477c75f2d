namespace Triggers.Core.Expressions;

/// <summary>
/// Which static types each operator accepts. A side of type Any stands for every concrete type it could
/// turn out to be at run time: the combination is rejected only when no candidate works, and typed
/// only when all candidates agree.
/// </summary>
internal static class TypeRules
{
    private static readonly ExprType[] Concrete = [ExprType.Number, ExprType.String, ExprType.Time, ExprType.Duration];

    /// <summary>The result type of an arithmetic operator, or null when the operands never combine.</summary>
    public static ExprType? Arithmetic(BinaryOp op, ExprType left, ExprType right)
    {
        var lefts = left == ExprType.Any ? Concrete : [left];
        var rights = right == ExprType.Any ? Concrete : [right];
        ExprType? result = null;
        foreach (var l in lefts)
        {
            foreach (var r in rights)
            {
                if (ArithmeticOf(op, l, r) is not { } type)
                {
                    continue;
                }

                result = result is null || result == type ? type : ExprType.Any;
            }
        }

        return result;
    }

    /// <summary>
    /// The table itself, over concrete types. Text stands in for a time next to a duration or a time,
    /// because traits such as renewal_date arrive as ISO strings.
    /// </summary>
    public static ExprType? ArithmeticOf(BinaryOp op, ExprType l, ExprType r) => (op, l, r) switch
    {
        (_, ExprType.Number, ExprType.Number) => ExprType.Number,
        (BinaryOp.Remainder, _, _) => null,
        (BinaryOp.Add, ExprType.String, ExprType.String) => ExprType.String,
        (BinaryOp.Add or BinaryOp.Subtract, ExprType.Time or ExprType.String, ExprType.Duration) => ExprType.Time,
        (BinaryOp.Add, ExprType.Duration, ExprType.Time) => ExprType.Time,
        (BinaryOp.Add or BinaryOp.Subtract, ExprType.Duration, ExprType.Duration) => ExprType.Duration,
        (BinaryOp.Subtract, ExprType.Time, ExprType.Time or ExprType.String) => ExprType.Duration,
        (BinaryOp.Subtract, ExprType.String, ExprType.Time) => ExprType.Duration,
        (BinaryOp.Multiply, ExprType.Duration, ExprType.Number) => ExprType.Duration,
        (BinaryOp.Multiply, ExprType.Number, ExprType.Duration) => ExprType.Duration,
        (BinaryOp.Divide, ExprType.Duration, ExprType.Number) => ExprType.Duration,
        (BinaryOp.Divide, ExprType.Duration, ExprType.Duration) => ExprType.Number,
        _ => null,
    };

    /// <summary>Whether <c>==</c> and <c>!=</c> can ever be true between the two types.</summary>
    public static bool CanEqual(ExprType l, ExprType r) =>
        l == r || l is ExprType.Any or ExprType.Null || r is ExprType.Any or ExprType.Null || IsTimeAndText(l, r);

    /// <summary>Whether <c>&lt; &lt;= &gt; &gt;=</c>, min and max can order the two types.</summary>
    public static bool CanOrder(ExprType l, ExprType r) =>
        IsOrderable(l) && IsOrderable(r) && (l == r || l == ExprType.Any || r == ExprType.Any || IsTimeAndText(l, r));

    public static bool IsOrderable(ExprType type) =>
        type is ExprType.Any or ExprType.Number or ExprType.String or ExprType.Time or ExprType.Duration;

    /// <summary>
    /// Whether an expression of type <paramref name="actual"/> may stand where <paramref name="expected"/> is
    /// wanted: Any fits everywhere (it is checked at run time), and text fits where a time is wanted.
    /// </summary>
    public static bool Fits(ExprType actual, ExprType expected) =>
        expected == ExprType.Any || actual == ExprType.Any || actual == expected ||
        (expected == ExprType.Time && actual == ExprType.String);

    /// <summary>Whether a value of this type can decide a condition.</summary>
    public static bool IsCondition(ExprType type) => type is ExprType.Bool or ExprType.Any;

    /// <summary>Whether a side of a comparison or an arithmetic operation treats text as a time.</summary>
    public static bool TextMeansTime(BinaryOp op, ExprType other) =>
        other == ExprType.Time || (other == ExprType.Duration && op is BinaryOp.Add or BinaryOp.Subtract);

    private static bool IsTimeAndText(ExprType l, ExprType r) =>
        (l == ExprType.Time && r == ExprType.String) || (l == ExprType.String && r == ExprType.Time);

    /// <summary>One type for values that may come from several places (coalesce, min, max).</summary>
    public static ExprType Unify(IEnumerable<ExprType> types)
    {
        ExprType? result = null;
        foreach (var type in types)
        {
            if (type == ExprType.Null)
            {
                continue;
            }

            result = result is null || result == type ? type : ExprType.Any;
        }

        return result ?? ExprType.Null;
    }
}
