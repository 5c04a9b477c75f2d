using Triggers.Core.Expressions;

namespace Triggers.Core.Tests.Expressions;

/// <summary>Random data for fuzzed evaluation, extremes included: MaxValue times, MinValue durations, NaN-prone numbers.</summary>
internal sealed class RandomValues(int seed)
{
    public static readonly string[] Keys = ["plan", "x", "y", "name", "renewal_date", "tags", "seats", "time", "a", "b", "data", "flag"];

    private readonly Random _random = new(seed);

    public EvalContext Context() => new()
    {
        Event = Root(),
        Trigger = Root(),
        Account = Root(),
        User = _random.Next(5) == 0 ? Value.Null : Root(),
    };

    private Value Root() => _random.Next(8) == 0 ? Scalar() : Object(2);

    private Value Object(int depth)
    {
        var members = new Dictionary<string, Value>();
        foreach (var key in Keys)
        {
            if (_random.Next(3) > 0)
            {
                members[key] = Any(depth);
            }
        }

        return DictionaryObject.Of(members);
    }

    private Value Any(int depth) => _random.Next(8) switch
    {
        0 when depth > 0 => Object(depth - 1),
        1 when depth > 0 => Value.List([.. Enumerable.Range(0, _random.Next(4)).Select(_ => Any(depth - 1))]),
        _ => Scalar(),
    };

    private Value Scalar() => _random.Next(16) switch
    {
        0 => Value.Null,
        1 => Value.Bool(_random.Next(2) == 0),
        2 => Value.Number(_random.Next(-5, 6)),
        3 => Value.Number(_random.NextDouble() * 1e308 * (_random.Next(2) == 0 ? -1 : 1)),
        4 => Value.Number(double.Epsilon),
        5 => Value.String(""),
        6 => Value.String("2026-01-31"),
        7 => Value.String("9999-12-31T23:59:59Z"),
        8 => Value.String("0001-01-01"),
        9 => Value.String("pro"),
        10 => Value.Time(DateTimeOffset.MaxValue),
        11 => Value.Time(DateTimeOffset.MinValue),
        12 => Value.Time(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero)),
        13 => Value.Duration(TimeSpan.MinValue),
        14 => Value.Duration(TimeSpan.MaxValue),
        _ => Value.Duration(TimeSpan.FromDays(_random.Next(-100, 100))),
    };
}
