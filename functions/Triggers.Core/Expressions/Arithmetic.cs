namespace Triggers.Core.Expressions;

/// <summary>
/// Run-time arithmetic. Mirrors <see cref="TypeRules.ArithmeticOf"/>; any other combination, an overflow
/// or a division by zero yields null, because a bad value in one event must not crash the engine.
/// </summary>
internal static class Arithmetic
{
    private static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    public static Value Add(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Number, ValueKind.Number) => Value.Number(l.AsNumber + r.AsNumber),
        (ValueKind.String, ValueKind.String) => Value.String(l.AsString + r.AsString),
        (ValueKind.Duration, ValueKind.Duration) => Duration(l.AsDuration.Ticks, r.AsDuration.Ticks),
        (ValueKind.Duration, ValueKind.Time) => Time(r.TimeTicks, l.AsDuration.Ticks),
        (ValueKind.Time or ValueKind.String, ValueKind.Duration) when l.TryGetTime(out var t) => Time(t, r.AsDuration.Ticks),
        _ => Value.Null,
    };

    public static Value Subtract(Value l, Value r)
    {
        switch (l.Kind, r.Kind)
        {
            case (ValueKind.Number, ValueKind.Number):
                return Value.Number(l.AsNumber - r.AsNumber);
            case (ValueKind.Duration, ValueKind.Duration) when r.AsDuration.Ticks != long.MinValue:
                return Duration(l.AsDuration.Ticks, -r.AsDuration.Ticks);
            case (ValueKind.Time or ValueKind.String, ValueKind.Duration) when l.TryGetTime(out var t) && r.AsDuration.Ticks != long.MinValue:
                return Time(t, -r.AsDuration.Ticks);
            case (ValueKind.Time or ValueKind.String, ValueKind.Time or ValueKind.String)
                when l.TryGetTime(out var a) && r.TryGetTime(out var b):
                // Both instants lie within DateTimeOffset's range, so the difference cannot overflow.
                return Value.Duration(TimeSpan.FromTicks(a - b));
            default:
                return Value.Null;
        }
    }

    public static Value Multiply(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Number, ValueKind.Number) => Value.Number(l.AsNumber * r.AsNumber),
        (ValueKind.Duration, ValueKind.Number) => ScaledDuration(l.AsDuration.Ticks * r.AsNumber),
        (ValueKind.Number, ValueKind.Duration) => ScaledDuration(r.AsDuration.Ticks * l.AsNumber),
        _ => Value.Null,
    };

    public static Value Divide(Value l, Value r) => (l.Kind, r.Kind) switch
    {
        (ValueKind.Number, ValueKind.Number) when r.AsNumber != 0 => Value.Number(l.AsNumber / r.AsNumber),
        (ValueKind.Duration, ValueKind.Number) when r.AsNumber != 0 => ScaledDuration(l.AsDuration.Ticks / r.AsNumber),
        (ValueKind.Duration, ValueKind.Duration) when r.AsDuration.Ticks != 0 => Value.Number((double)l.AsDuration.Ticks / r.AsDuration.Ticks),
        _ => Value.Null,
    };

    public static Value Remainder(Value l, Value r) =>
        l.Kind == ValueKind.Number && r.Kind == ValueKind.Number && r.AsNumber != 0 ? Value.Number(l.AsNumber % r.AsNumber) : Value.Null;

    public static Value Negate(Value v) => v.Kind switch
    {
        ValueKind.Number => Value.Number(-v.AsNumber),
        ValueKind.Duration when v.AsDuration.Ticks != long.MinValue => Value.Duration(-v.AsDuration),
        _ => Value.Null,
    };

    public static Value Abs(Value v) => v.Kind switch
    {
        ValueKind.Number => Value.Number(Math.Abs(v.AsNumber)),
        ValueKind.Duration when v.AsDuration.Ticks != long.MinValue => Value.Duration(v.AsDuration.Duration()),
        _ => Value.Null,
    };

    private static Value Duration(long a, long b)
    {
        var sum = a + b;
        // Overflow happened when both operands share a sign that the sum lacks.
        return ((a ^ sum) & (b ^ sum)) < 0 ? Value.Null : Value.Duration(TimeSpan.FromTicks(sum));
    }

    private static Value Time(long ticks, long offset)
    {
        var sum = ticks + offset;
        return sum < 0 || sum > MaxTicks || ((ticks ^ sum) & (offset ^ sum)) < 0 ? Value.Null : Value.TimeFromTicks(sum);
    }

    private static Value ScaledDuration(double ticks) =>
        double.IsFinite(ticks) && Math.Abs(ticks) < long.MaxValue / 2.0 ? Value.Duration(TimeSpan.FromTicks((long)ticks)) : Value.Null;
}
