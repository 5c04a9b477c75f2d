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

    /// <summary>
    /// The id a CS ops author most likely meant by <paramref name="text"/> (<c>Invite_Colleague</c> and
    /// <c>InviteColleague</c> give <c>invite-colleague</c>), or null when nothing valid comes of it.
    /// </summary>
    public static string? AsId(string text)
    {
        if (!OnlyNameCharacters(text))
        {
            return null;
        }

        var id = Words(text, '-');
        return Id().IsMatch(id) ? id : null;
    }

    /// <summary>The event type most likely meant (<c>User.LoggedIn</c> gives <c>user.logged_in</c>), or null.</summary>
    public static string? AsEventType(string text)
    {
        if (!OnlyNameCharacters(text))
        {
            return null;
        }

        var type = string.Join('.', text.Split('.').Select(part => Words(part, '_')));
        return EventType().IsMatch(type) ? type : null;
    }

    /// <summary>Letters, digits and the separators names are written with; anything else is no slip of the shift key.</summary>
    private static bool OnlyNameCharacters(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' ');

    /// <summary>Lower-case words joined by <paramref name="separator"/>: a new word at a capital after a small letter or digit, and at any run of other characters.</summary>
    private static string Words(string text, char separator)
    {
        var words = new System.Text.StringBuilder(text.Length + 4);
        var pendingSeparator = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                pendingSeparator = words.Length > 0;
                continue;
            }

            if (pendingSeparator || (char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(text[i - 1]) || char.IsAsciiDigit(text[i - 1])) && words.Length > 0))
            {
                words.Append(separator);
            }

            pendingSeparator = false;
            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

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
        // A leap second (23:59:60Z), as the event reader takes it: the last tick of the second before, which .NET can hold.
        var leap = match.Groups[2].Value.StartsWith(":60", StringComparison.Ordinal);
        if (leap)
        {
            written = written.Remove(match.Groups[2].Index + 1, 2).Insert(match.Groups[2].Index + 1, "59");
        }

        if (!DateTimeOffset.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
        {
            return false;
        }

        if (leap)
        {
            time = time.AddTicks(TimeSpan.TicksPerSecond - 1 - (time.UtcTicks % TimeSpan.TicksPerSecond));
        }

        return true;
    }

    public const string IsoTimePattern = @"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?)?$";

    [GeneratedRegex(IsoTimePattern)]
    private static partial Regex IsoTime();
}
