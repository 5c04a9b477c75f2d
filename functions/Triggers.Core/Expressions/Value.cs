using System.Globalization;

namespace Triggers.Core.Expressions;

/// <summary>
/// A value in the expression language: null, bool, number, string, time (UTC instant), duration, list or
/// object. A small struct so evaluating a condition allocates nothing for scalars.
/// </summary>
public readonly partial struct Value : IEquatable<Value>
{
    private readonly object? _ref;
    private readonly long _bits; // a number's or a bool's double (its bits), or a time's or a duration's ticks: 24 bytes in all, not 32

    private Value(ValueKind kind, object? reference = null, double number = 0, long ticks = 0)
    {
        Kind = kind;
        _ref = reference;
        _bits = kind is ValueKind.Bool or ValueKind.Number ? BitConverter.DoubleToInt64Bits(number) : ticks;
    }

    private double StoredNumber => Kind is ValueKind.Bool or ValueKind.Number ? BitConverter.Int64BitsToDouble(_bits) : 0;

    private long StoredTicks => Kind is ValueKind.Time or ValueKind.Duration ? _bits : 0;

    public static readonly Value Null;
    public static readonly Value True = new(ValueKind.Bool, number: 1);
    public static readonly Value False = new(ValueKind.Bool, number: 0);

    public ValueKind Kind { get; }

    public bool IsNull => Kind == ValueKind.Null;

    public static Value Bool(bool value) => value ? True : False;

    public static Value Number(double value) => double.IsFinite(value) ? new(ValueKind.Number, number: value) : Null;

    /// <summary>
    /// A number read from JSON together with its text, kept when the double does not hold the number exactly (see
    /// <see cref="JsonNumberFormat.Holds"/>): an id of 19 digits is compared and computed with as a double, but is
    /// written out as it was given, in payloads and in text, not rounded to a neighbour. A number beyond a double's range
    /// (<c>1e400</c>) is kept too, as an infinity with its text: it compares above (or below) every other number and
    /// is written as given, where reading it as null would have removed a trait it set.
    /// </summary>
    internal static Value Number(double value, string? text) =>
        double.IsFinite(value) || (text is not null && !double.IsNaN(value)) ? new(ValueKind.Number, text, number: value) : Null;

    public static Value String(string? value) => value is null ? Null : new(ValueKind.String, value);

    public static Value Time(DateTimeOffset value) => new(ValueKind.Time, ticks: value.UtcTicks);

    public static Value TimeFromTicks(long utcTicks) => new(ValueKind.Time, ticks: utcTicks);

    public static Value Duration(TimeSpan value) => new(ValueKind.Duration, ticks: value.Ticks);

    public static Value List(IReadOnlyList<Value> items) => new(ValueKind.List, items);

    public static Value Object(IValueObject obj) => new(ValueKind.Object, obj);

    public bool AsBool => Kind == ValueKind.Bool && _bits != 0;

    public double AsNumber => StoredNumber;

    public string AsString => Kind == ValueKind.String ? (string)_ref! : ToString();

    public DateTimeOffset AsTime => new(StoredTicks, TimeSpan.Zero);

    public long TimeTicks => StoredTicks;

    public TimeSpan AsDuration => new(StoredTicks);

    public IReadOnlyList<Value> AsList => Kind == ValueKind.List ? (IReadOnlyList<Value>)_ref! : [];

    public IValueObject? AsObject => _ref as IValueObject;

    /// <summary>The JSON text a number was read from, when the double alone would not give it back; otherwise null.</summary>
    public string? NumberText => Kind == ValueKind.Number ? _ref as string : null;

    /// <summary>
    /// Reads this value as an instant: times as they are, strings when they hold an ISO-8601 date or
    /// date-time (traits such as <c>renewal_date</c> arrive as JSON strings).
    /// </summary>
    public bool TryGetTime(out long utcTicks)
    {
        if (Kind == ValueKind.Time)
        {
            utcTicks = StoredTicks;
            return true;
        }

        if (Kind == ValueKind.String && TryParseTime((string)_ref!, out var time))
        {
            utcTicks = time.UtcTicks;
            return true;
        }

        utcTicks = 0;
        return false;
    }

    /// <summary>
    /// Reads ISO 8601 text as an instant: a date (<c>2026-01-31</c>, midnight UTC) or a date and a time of day, to the
    /// minute or finer, with a <c>T</c>, <c>t</c> or a space between them and an optional <c>Z</c> or offset (none is UTC),
    /// as event times are read. Nothing else: <c>05/01/2026</c> is 1 May in one country and 5 January in the next, so
    /// guessing would move a renewal reminder by months.
    /// </summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        if (text.Length == 10 && TryParseDate(text, out time))
        {
            return true; // the usual trait (renewal_date: 2026-09-01), read on every account.updated: without the parser's general path
        }

        if (text.Length >= 10 && char.IsAsciiDigit(text[0]) && IsoTime().IsMatch(text))
        {
            var upper = CutFraction(text.Length > 10 && (text[10] == 't' || text[^1] == 'z') ? text.ToUpperInvariant() : text);
            if (text.Length > 18 && text[16] == ':' && text[17] == '6' && text[18] == '0')
            {
                return Loading.NodeRules.TryParseTimestamp(upper, out time); // a leap second, read as event times read it
            }

            if (DateTimeOffset.TryParse(upper, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
            {
                return true;
            }
        }

        time = default;
        return false;
    }

    /// <summary>
    /// The text with a fraction of a second finer than 100 ns cut to 100 ns (a tick), as event times are cut: the
    /// framework's parser would round it, so the same instant could read as two.
    /// </summary>
    private static string CutFraction(string text)
    {
        if (text.Length <= 27 || text[19] != '.')
        {
            return text;
        }

        var end = 20;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - 20 > 7 ? string.Concat(text.AsSpan(0, 27), text.AsSpan(end)) : text;
    }

    /// <summary>
    /// A plain date, <c>yyyy-MM-dd</c>, as midnight UTC. False for anything else (including a date that does not exist):
    /// the general path then decides, so this only ever agrees with it.
    /// </summary>
    private static bool TryParseDate(string text, out DateTimeOffset time)
    {
        time = default;
        if (text[4] != '-' || text[7] != '-' || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) ||
            !Digits(text, 8, 2, out var day) || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(string text, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            number = (number * 10) + (text[i] - '0');
        }

        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex IsoTime();

    /// <summary>Truthiness for conditions: only <c>true</c> is true; null, missing and everything else is false.</summary>
    public bool IsTrue => Kind == ValueKind.Bool && _bits != 0; // true is stored as 1.0, false as 0.0 (all bits zero)

    public bool Equals(Value other)
    {
        if (Kind != other.Kind)
        {
            // A time and an ISO string naming the same instant are equal: traits arrive as strings.
            if ((Kind == ValueKind.Time || other.Kind == ValueKind.Time) &&
                TryGetTime(out var a) && other.TryGetTime(out var b))
            {
                return a == b;
            }

            return false;
        }

        return Kind switch
        {
            ValueKind.Null => true,
            ValueKind.Number when NumberOrder.NeedsText(this, other) => NumberOrder.Compare(this, other) == 0,
            ValueKind.Bool or ValueKind.Number => StoredNumber.Equals(other.StoredNumber),
            ValueKind.String => string.Equals((string)_ref!, (string)other._ref!, StringComparison.Ordinal) || SameInstant((string)_ref!, (string)other._ref!),
            ValueKind.Time or ValueKind.Duration => StoredTicks == other.StoredTicks,
            ValueKind.List => ListEquals(AsList, other.AsList),
            ValueKind.Object => ObjectEquals(AsObject, other.AsObject),
            _ => ReferenceEquals(_ref, other._ref),
        };
    }

    /// <summary>
    /// Whether two texts that differ are both ISO times naming the same instant (<c>2026-03-01</c> and
    /// <c>2026-03-01T00:00:00Z</c>, <c>08:00+01:00</c> and <c>07:00Z</c>): traits and event data hold times as text, and
    /// they compare as the times they are, as <c>-</c> already subtracts them.
    /// </summary>
    internal static bool SameInstant(string a, string b) =>
        LooksLikeTime(a) && LooksLikeTime(b) && TryParseTime(a, out var x) && TryParseTime(b, out var y) && x == y;

    /// <summary>A cheap first test: only text that starts with four digits and a '-' can be an ISO time.</summary>
    internal static bool LooksLikeTime(string text) => text.Length >= 10 && text[4] == '-' && char.IsAsciiDigit(text[0]);

    /// <summary>
    /// Objects (JSON objects in event data, nested traits) are equal when they hold the same members with equal values,
    /// as lists are equal by their items: a support tool's <c>ticket: { system: zendesk, id: 7 }</c> in the trigger and
    /// in the answer are the same ticket, though two copies.
    /// </summary>
    private static bool ObjectEquals(IValueObject? a, IValueObject? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        var names = a.MemberNames.Distinct(StringComparer.Ordinal).ToList();
        if (names.Count != b.MemberNames.Distinct(StringComparer.Ordinal).Count())
        {
            return false;
        }

        foreach (var name in names)
        {
            if (!a.TryGetMember(name, out var x) || !b.TryGetMember(name, out var y) || !x.Equals(y))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ListEquals(IReadOnlyList<Value> a, IReadOnlyList<Value> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    public override int GetHashCode() => Kind switch
    {
        ValueKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode((string)_ref!)),
        ValueKind.Bool or ValueKind.Number => HashCode.Combine(Kind, StoredNumber),
        ValueKind.Time or ValueKind.Duration => HashCode.Combine(Kind, StoredTicks),
        _ => HashCode.Combine(Kind, _ref),
    };

    public static bool operator ==(Value left, Value right) => left.Equals(right);

    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>
    /// The text form used when a value is rendered into a <c>{{ }}</c> template: durations for people
    /// (<c>35d 10h 30m</c>), objects as JSON, lists as <c>[a, b]</c>.
    /// </summary>
    public override string ToString() => Kind switch
    {
        ValueKind.Null => "",
        ValueKind.Bool => StoredNumber != 0 ? "true" : "false",
        ValueKind.Number => NumberText is { } text && (IsWhole(text) || !double.IsFinite(StoredNumber)) ? text : FormatNumber(StoredNumber),
        ValueKind.String => (string)_ref!,
        ValueKind.Time => TimeText(AsTime),
        ValueKind.Duration => Model.DurationParser.Describe(AsDuration),
        ValueKind.List => "[" + string.Join(", ", AsList.Select(v => v.ToString())) + "]",
        _ => ValueJson.ToJson(this),
    };

    /// <summary>
    /// A time as outcomes write it: <c>2026-01-05T10:00:00Z</c>, with its fraction of a second when it has one
    /// (<c>.750</c>, to the tick when finer), so a body forwarding <c>{{ event.time }}</c> carries the event's own time.
    /// </summary>
    private static string TimeText(DateTimeOffset time)
    {
        var whole = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = time.UtcTicks % TimeSpan.TicksPerSecond;
        if (fraction == 0)
        {
            return whole + "Z";
        }

        var digits = fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return $"{whole}.{digits.PadRight(3, '0')}Z";
    }

    /// <summary>Whether a kept number text is an integer as written (<c>12345678901234567890</c>), which text shows as it is.</summary>
    private static bool IsWhole(string text) => text.AsSpan(text.StartsWith('-') ? 1 : 0).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>
    /// A number as text: a whole number with all its digits (a 16-digit CRM or ticket id stays that id, not
    /// <c>1.23456789012346E+15</c>; a longer one read from an event is shown as the event gave it), anything else to 15 significant digits, so arithmetic noise does not show
    /// (from 10^15 up, with the shortest digits that read back as it, so the whole part stays as it is)
    /// (<c>0.1 + 0.2</c> renders as <c>0.3</c>), and in plain decimals from 10^-10 up (a rate of <c>0.00001</c>, not
    /// <c>1E-05</c>). Only beyond 10^21 and below 10^-10 is there an exponent (<c>1E+21</c>).
    /// </summary>
    private static string FormatNumber(double number)
    {
        if (number == Math.Floor(number) && Math.Abs(number) < 1e21)
        {
            return number == 0 ? "0" : number.ToString("F0", CultureInfo.InvariantCulture);
        }

        // From 10^15 up, 15 digits would change the whole part (1234567890123456.5 as 1234567890123460): the shortest
        // digits that read back as the number keep it, as a JSON body writes it.
        var text = number.ToString(Math.Abs(number) >= 1e15 ? "R" : "G15", CultureInfo.InvariantCulture);
        return text.Contains('E', StringComparison.Ordinal) && Math.Abs(number) is >= 1e-10 and < 1e21
            ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) // G15's digits, without the exponent
            : text;
    }
}
