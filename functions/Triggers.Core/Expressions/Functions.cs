namespace Triggers.Core.Expressions;

/// <summary>The built-in functions, each with its typing rule next to its body so the two cannot drift apart.</summary>
internal static class Functions
{
    private const string Orderable = "a number, text, a time or a duration";

    private static readonly FunctionDefinition[] Definitions =
    [
        new("contains", 2, 2, ContainsTyping) { Usage = "contains(list_or_text, item)", Binary = Comparison.Contains },
        new("starts_with", 2, 2, TextPairTyping) { Usage = "starts_with(text, prefix)", Binary = Comparison.StartsWith },
        new("ends_with", 2, 2, TextPairTyping) { Usage = "ends_with(text, suffix)", Binary = Comparison.EndsWith },
        new("lower", 1, 1, TextTyping) { Usage = "lower(text)", Unary = v => v.Kind == ValueKind.String ? Value.String(v.AsString.ToLowerInvariant()) : Value.Null },
        new("upper", 1, 1, TextTyping) { Usage = "upper(text)", Unary = v => v.Kind == ValueKind.String ? Value.String(v.AsString.ToUpperInvariant()) : Value.Null },
        new("len", 1, 1, LengthTyping) { Usage = "len(list_or_text)", Unary = Length },
        new("date", 1, 1, DateTyping) { Usage = "date(text)", Unary = v => v.TryGetTime(out var ticks) ? Value.TimeFromTicks(ticks) : Value.Null },
        new("days", 1, 1, DurationTyping) { Usage = "days(duration)", Unary = v => v.Kind == ValueKind.Duration ? Value.Number(v.AsDuration.TotalDays) : Value.Null },
        new("hours", 1, 1, DurationTyping) { Usage = "hours(duration)", Unary = v => v.Kind == ValueKind.Duration ? Value.Number(v.AsDuration.TotalHours) : Value.Null },
        new("abs", 1, 1, AbsTyping) { Usage = "abs(number_or_duration)", Unary = Arithmetic.Abs },
        new("min", 2, 2, MinMaxTyping) { Usage = "min(a, b)", Binary = Comparison.Min },
        new("max", 2, 2, MinMaxTyping) { Usage = "max(a, b)", Binary = Comparison.Max },
        new("round", 1, 1, RoundTyping) { Usage = "round(number)", Unary = v => v.Kind == ValueKind.Number ? Value.Number(Math.Round(v.AsNumber, MidpointRounding.AwayFromZero)) : Value.Null },
        new("coalesce", 1, int.MaxValue, c => TypeRules.Unify(c.Types)) { Usage = "coalesce(a, b, ...)", Compose = Coalesce },
        new("exists", 1, 1, _ => ExprType.Bool) { Usage = "exists(value)", Unary = v => Value.Bool(!v.IsNull) },
    ];

    private static readonly Dictionary<string, FunctionDefinition> ByName = Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => Definitions.Select(d => d.Name);

    public static FunctionDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    private static ExprType ContainsTyping(CallTyping c)
    {
        if (c.Require(0, "a list or text", ExprType.List, ExprType.String) && c[0] == ExprType.String)
        {
            c.Require(1, "text", ExprType.String);
        }

        return ExprType.Bool;
    }

    private static ExprType TextPairTyping(CallTyping c)
    {
        c.Require(0, "text", ExprType.String);
        c.Require(1, "text", ExprType.String);
        return ExprType.Bool;
    }

    private static ExprType TextTyping(CallTyping c)
    {
        c.Require(0, "text", ExprType.String);
        return ExprType.String;
    }

    private static ExprType LengthTyping(CallTyping c)
    {
        c.Require(0, "text or a list", ExprType.String, ExprType.List);
        return ExprType.Number;
    }

    private static ExprType DateTyping(CallTyping c)
    {
        if (c.Require(0, "text", ExprType.String, ExprType.Time))
        {
            c.RequireDateText(0);
        }

        return ExprType.Time;
    }

    private static ExprType DurationTyping(CallTyping c)
    {
        c.Require(0, "a duration", ExprType.Duration);
        return ExprType.Number;
    }

    private static ExprType AbsTyping(CallTyping c) =>
        c.Require(0, "a number or a duration", ExprType.Number, ExprType.Duration) ? c[0] : ExprType.Any;

    private static ExprType RoundTyping(CallTyping c)
    {
        c.Require(0, "a number", ExprType.Number);
        return ExprType.Number;
    }

    private static ExprType MinMaxTyping(CallTyping c)
    {
        var ok = c.Require(0, Orderable, ExprType.Number, ExprType.String, ExprType.Time, ExprType.Duration);
        ok &= c.Require(1, Orderable, ExprType.Number, ExprType.String, ExprType.Time, ExprType.Duration);
        if (ok && !TypeRules.CanOrder(c[0], c[1]))
        {
            c.Mismatch($"cannot compare {TypeNames.Describe(c[0])} with {TypeNames.Describe(c[1])}");
        }

        return c[0] == c[1] ? c[0] : ExprType.Any;
    }

    private static Value Length(Value v) => v.Kind switch
    {
        // Characters as a reader counts them: an emoji, or an e with a combining accent, is one (not two UTF-16 units).
        ValueKind.String => Value.Number(System.Text.Ascii.IsValid(v.AsString) && !v.AsString.Contains('\r', StringComparison.Ordinal)
            ? v.AsString.Length
            : new System.Globalization.StringInfo(v.AsString).LengthInTextElements),
        ValueKind.List => Value.Number(v.AsList.Count),
        _ => Value.Null,
    };

    /// <summary>Evaluates arguments only until one is not null, like <c>or</c> short-circuits.</summary>
    private static Func<EvalContext, Value> Coalesce(Func<EvalContext, Value>[] arguments) => context =>
    {
        foreach (var argument in arguments)
        {
            var value = argument(context);
            if (!value.IsNull)
            {
                return value;
            }
        }

        return Value.Null;
    };
}
