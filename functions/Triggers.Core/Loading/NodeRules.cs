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

    public static bool TryParseTimestamp(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time) && text.Length >= 10;
}
