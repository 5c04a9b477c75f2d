using System.Text.Json;

namespace Triggers.Core.Engine;

// Event times: the common shape read digit by digit, anything else as the JSON reader's ISO 8601 parser reads it.
public static partial class EventParser
{
    /// <summary>
    /// The common shape of an event time, <c>yyyy-MM-ddTHH:mm:ssZ</c>, read digit by digit (the reader's general
    /// ISO 8601 parser was a tenth of the envelope's cost), the T and Z in either case. Anything else, or any field out
    /// of range, is left to <see cref="TryReadTime"/>, so both accept and read exactly the same times.
    /// </summary>
    internal static bool TryReadUtcSeconds(ref Utf8JsonReader reader, out long ticks)
    {
        ticks = 0;
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return false;
        }

        return TryReadUtcSeconds(reader.ValueSpan, out ticks);
    }

    /// <summary>The same as <see cref="TryReadUtcSeconds(ref Utf8JsonReader, out long)"/>, on a string token's unescaped contents.</summary>
    internal static bool TryReadUtcSeconds(ReadOnlySpan<byte> text, out long ticks)
    {
        ticks = 0;
        // RFC 3339 (5.6) lets the T and the Z be written in lower case: a bit sets the case (no other byte maps to them).
        if (text.Length != 20 || text[4] != '-' || text[7] != '-' || (text[10] | 0x20) != 't' || text[13] != ':' || text[16] != ':' || (text[19] | 0x20) != 'z')
        {
            return false;
        }

        var (century, year, month, day) = (Two(text, 0), Two(text, 2), Two(text, 5), Two(text, 8));
        var (hour, minute, second) = (Two(text, 11), Two(text, 14), Two(text, 17));
        if (century < 0 || year < 0 || month is < 1 or > 12 || day < 1 || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        year += century * 100;
        if (year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;
        return true;

        static int Two(ReadOnlySpan<byte> text, int at) =>
            (uint)(text[at] - '0') <= 9 && (uint)(text[at + 1] - '0') <= 9 ? ((text[at] - '0') * 10) + text[at + 1] - '0' : -1;
    }

    /// <summary>
    /// Any other time the JSON reader's ISO 8601 parser takes (fractions of a second, an offset, none), and the same
    /// with a lower-case <c>t</c> or <c>z</c>, which RFC 3339 (5.6) allows and that parser does not: those are read as
    /// their upper-case spelling. Only for times <see cref="TryReadUtcSeconds(ref Utf8JsonReader, out long)"/> did not take.
    /// </summary>
    private static bool TryReadTime(ref Utf8JsonReader reader, out long ticks)
    {
        if (reader.TryGetDateTimeOffset(out var t) && HasClock(ref reader))
        {
            // No offset (Python's utcnow().isoformat() writes none): UTC, as everywhere else in Triggers,
            // never the zone of the machine running the replay, which is what the reader would assume.
            ticks = HasOffset(ref reader) ? t.UtcTicks : reader.TryGetDateTime(out var unzoned) ? unzoned.Ticks : t.UtcTicks;
            return true;
        }

        ticks = 0;
        var escaped = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (escaped > MaxTimeLength)
        {
            return false; // longer than any time the parser takes, however it is escaped
        }

        Span<byte> text = stackalloc byte[MaxTimeLength + 2];
        var length = reader.CopyString(text[1..]);
        var inner = text[1..(length + 1)];
        var space = inner.Length > 10 && inner[10] == (byte)' '; // 2026-01-05 10:00:00Z, which RFC 3339 (5.6) allows too
        if (inner.Length > 18 && inner[16] == (byte)':' && inner[17] == (byte)'6' && inner[18] == (byte)'0')
        {
            // A leap second (23:59:60Z), which RFC 3339 allows and .NET cannot hold: the last tick of the second before
            // it, so it still comes after 23:59:59 and before the next day.
            inner[17] = (byte)'5';
            inner[18] = (byte)'9';
            (text[0], text[length + 1]) = ((byte)'"', (byte)'"');
            var leap = new Utf8JsonReader(text[..(length + 2)]);
            leap.Read();
            if (!TryReadTime(ref leap, out ticks))
            {
                return false;
            }

            ticks += TimeSpan.TicksPerSecond - 1 - (ticks % TimeSpan.TicksPerSecond);
            return true;
        }

        if (inner.IndexOfAny((byte)'t', (byte)'z') < 0 && !space)
        {
            return false;
        }

        if (space)
        {
            inner[10] = (byte)'T';
        }

        inner.Replace((byte)'t', (byte)'T');
        inner.Replace((byte)'z', (byte)'Z');
        (text[0], text[length + 1]) = ((byte)'"', (byte)'"');
        var upper = new Utf8JsonReader(text[..(length + 2)]);
        upper.Read();
        return TryReadTime(ref upper, out ticks); // no lower case left: one level deep at most
    }

    // The reader's parser takes at most 42 bytes of time, each escaped in at most 6.
    private const int MaxTimeLength = 42 * 6;

    /// <summary>Whether the time read has a time of day: the reader's parser takes a date alone, which says nothing of when in the day.</summary>
    private static bool HasClock(ref Utf8JsonReader reader) => Unescaped(ref reader).IndexOfAny((byte)'T', (byte)'t') >= 0;

    /// <summary>The string token's text as UTF-8, its escapes (rare in a time) decoded.</summary>
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;

    private static string TimeProblem(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}$")
            ? $"'time' is a date without a time of day: {text}; an event time needs one, such as {text}T00:00:00Z"
            : System.Text.RegularExpressions.Regex.Match(text, @"^(?<local>\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-](?<h>\d{2}):(?<m>\d{2}))$") is { Success: true } rfc &&
              DateTime.TryParseExact(rfc.Groups["local"].Value.Replace('t', 'T').Replace(' ', 'T'), "yyyy-MM-dd'T'HH:mm:ss",
                  System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
                ? rfc.Groups["h"].Success && (int.Parse(rfc.Groups["h"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture) * 60 +
                                              int.Parse(rfc.Groups["m"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture)) > 14 * 60
                    ? $"'time' has an offset beyond ±14:00, which no time zone has: {text}"
                    : $"'time' is not a moment that can be kept: {text} (it must fall in the years 1 to 9999 once read in UTC, and be a real date and time of day)"
                : $"'time' is not an RFC 3339 timestamp: {text}";

    /// <summary>
    /// Whether the time read names its UTC offset. The reader takes a time without one as the machine's local time,
    /// which would make a replay depend on where it runs.
    /// </summary>
    private static bool HasOffset(ref Utf8JsonReader reader)
    {
        var text = Unescaped(ref reader);
        var clock = text.IndexOfAny((byte)'T', (byte)'t', (byte)' ');
        return clock >= 0 && text[clock..].IndexOfAny("Zz+-"u8) >= 0;
    }
}
