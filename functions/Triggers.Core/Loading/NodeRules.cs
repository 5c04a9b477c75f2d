using System.Globalization;
using System.Text.RegularExpressions;

namespace Triggers.Core.Loading;

/// <summary>Lexical rules for ids, event types and times of day, shared by every reader.</summary>
internal static partial class NodeRules
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    public static partial Regex Id();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")]
    public static partial Regex EventType();

    public static bool TryParseTimeOfDay(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>
    /// An ISO 8601 time as test files and <c>--until</c> take it: a date (its midnight), or a date and a time (a
    /// <c>T</c>, <c>t</c> or space between) with an optional offset (<c>Z</c>, <c>z</c>, <c>+01:00</c>, <c>+0100</c>);
    /// UTC when it has none. Only these: .NET's own parsing also takes 02/01/2026 and reads it the American way,
    /// 1 February, which an author who meant 2 January would never notice in a back-test, and <c>Jan 5 2026</c>.
    /// The test schema's time pattern is this expression (a test holds them together).
    /// </summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset time)
    {
        time = default;
        if (IsoTime().Match(text) is not { Success: true } match)
        {
            return false;
        }

        // Digits past the tick (nanoseconds, as history lines may carry) are cut, as the event reader cuts them.
        var fraction = match.Groups[3];
        var written = fraction.Length > 8 ? text.Remove(fraction.Index + 8, fraction.Length - 8) : text;
        return DateTimeOffset.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    public const string IsoTimePattern = @"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?)?$";

    [GeneratedRegex(IsoTimePattern)]
    private static partial Regex IsoTime();
}
