using System.Globalization;

namespace Triggers.Core.Model;

/// <summary>
/// Durations as playbooks write them: an optional sign, a whole number and one unit,
/// <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c> or <c>w</c> (<c>45m</c>, <c>12h</c>, <c>3d</c>, <c>2w</c>, <c>-90d</c>), or a bare <c>0</c>.
/// </summary>
public static class DurationParser
{
    public const string Expected = "a duration such as 30s, 45m, 12h, 3d or 2w";

    /// <summary>The most of one unit a duration may count (<c>100000w</c> is almost 2,000 years: plenty, and far from overflow).</summary>
    public const long MaxAmount = 100_000;

    /// <summary>How to write one, for hints.</summary>
    public const string Spelling = "a whole number and a unit: 30s, 45m, 12h, 3d or 2w";

    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        duration = default;
        if (text is "0")
        {
            return true; // zero needs no unit (--allowed-lateness 0, offset: 0)
        }

        if (text.Length < 2)
        {
            return false;
        }

        var sign = 1;
        if (text[0] is '-' or '+')
        {
            sign = text[0] == '-' ? -1 : 1;
            text = text[1..];
        }

        var unit = text[^1];
        var digits = text[..^1];
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9') ||
            !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) ||
            amount > MaxAmount)
        {
            return false;
        }

        long? seconds = unit switch
        {
            's' => amount,
            'm' => amount * 60,
            'h' => amount * 3600,
            'd' => amount * 86400,
            'w' => amount * 7 * 86400,
            _ => null,
        };
        if (seconds is null)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(sign * seconds.Value);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is written as a duration but counts more than <see cref="MaxAmount"/> of its unit
    /// (<c>999999999w</c>), which deserves a different message from text that is no duration at all.
    /// </summary>
    public static bool IsTooLong(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            text = text[1..];
        }

        return text.Length >= 2 && text[^1] is 's' or 'm' or 'h' or 'd' or 'w' && !text[..^1].ContainsAnyExceptInRange('0', '9') &&
               !(long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount <= MaxAmount);
    }

    /// <summary>The message for a duration past <see cref="MaxAmount"/>.</summary>
    public static string TooLong(string text) =>
        $"'{text}' is too long: a duration counts at most {MaxAmount} of its unit ({MaxAmount}w is the longest, almost 2,000 years)";

    /// <summary>Whether a unit of <paramref name="written"/> is a lone capital M right after a number (<c>1M</c>, <c>3M2w</c>).</summary>
    private static bool MonthLike(string written)
    {
        for (var i = 1; i < written.Length; i++)
        {
            if (written[i] == 'M' && char.IsAsciiDigit(written[i - 1]) && (i + 1 == written.Length || !char.IsAsciiLetter(written[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The playbook spelling of a duration someone wrote another way, for a hint: a capital unit (<c>3D</c>), a word
    /// (<c>3 days</c>, <c>2weeks</c>), several units (<c>1d12h</c>) or a fraction (<c>1.5d</c>) gives the one whole unit
    /// that says the same (<c>3d</c>, <c>2w</c>, <c>36h</c>); months and years, which differ in length, a note saying
    /// so; a number with no unit, a note that it needs one. Null when the text looks like no duration at all.
    /// </summary>
    public static string? Suggest(string text)
    {
        var written = new string([.. text.Where(c => !char.IsWhiteSpace(c))]);
        if (MonthLike(written))
        {
            // 1M is a month in ISO 8601 (P1M) and in most people's shorthand; lower-cased it would read as a minute.
            return "a capital M reads as months, which differ in length: write 30d or 4w for a month (1m is one minute)";
        }

        var compact = written.ToLowerInvariant();
        var sign = compact.StartsWith('-') ? "-" : "";
        compact = compact.TrimStart('-', '+');
        if (compact.Length == 0)
        {
            return null;
        }

        if (compact.All(char.IsAsciiDigit))
        {
            return $"a duration needs a unit: {text.Trim()}m, {text.Trim()}h or {text.Trim()}d";
        }

        var total = 0m;
        var at = 0;
        while (at < compact.Length)
        {
            var start = at;
            while (at < compact.Length && (char.IsAsciiDigit(compact[at]) || compact[at] == '.'))
            {
                at++;
            }

            var unitStart = at;
            while (at < compact.Length && char.IsAsciiLetter(compact[at]))
            {
                at++;
            }

            if (start == unitStart || unitStart == at ||
                !decimal.TryParse(compact.AsSpan(start, unitStart - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return null;
            }

            var unit = compact[unitStart..at];
            if (unit is "mo" or "mon" or "month" or "months" or "y" or "yr" or "yrs" or "year" or "years")
            {
                return "months and years differ in length: write 30d or 4w for a month, 365d or 52w for a year";
            }

            decimal? seconds = unit switch
            {
                "s" or "sec" or "secs" or "second" or "seconds" => 1,
                "m" or "min" or "mins" or "minute" or "minutes" => 60,
                "h" or "hr" or "hrs" or "hour" or "hours" => 3600,
                "d" or "day" or "days" => 86400,
                "w" or "wk" or "wks" or "week" or "weeks" => 7 * 86400,
                _ => null,
            };
            if (seconds is null)
            {
                return null;
            }

            total += amount * seconds.Value;
        }

        if (total <= 0 || total != decimal.Truncate(total) || total > MaxAmount * 7 * 86400)
        {
            return null;
        }

        var spelled = sign + Format(TimeSpan.FromSeconds((double)total));
        return spelled == text ? null : $"write {spelled}";
    }

    /// <summary>
    /// A duration for people, largest units first and zero parts left out: <c>64d 14h 30m</c>, <c>30m 1s</c>,
    /// <c>1.5s</c>, <c>0</c> (a reason such as "arrived 2h behind the newest event" reads better than 02:00:00). From a
    /// millisecond up it is rounded to the millisecond, so a time with a fraction of a tick more reads <c>2h</c>, not
    /// <c>2h 0s</c>; below one it is given in microseconds or nanoseconds (<c>2.5µs</c>, <c>100ns</c>), as event times
    /// carry ticks of 100 ns and "0s late" would contradict itself.
    /// </summary>
    public static string Describe(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0";
        }

        var sign = duration < TimeSpan.Zero ? "-" : "";
        var ticks = duration.Ticks == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(duration.Ticks); // MinValue has no positive twin
        if (ticks < TimeSpan.TicksPerMicrosecond)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{ticks * TimeSpan.NanosecondsPerTick}ns");
        }

        if (ticks < TimeSpan.TicksPerMillisecond)
        {
            return sign + (ticks / (double)TimeSpan.TicksPerMicrosecond).ToString("0.#", CultureInfo.InvariantCulture) + "µs";
        }

        var milliseconds = (ticks / TimeSpan.TicksPerMillisecond) + (ticks % TimeSpan.TicksPerMillisecond >= TimeSpan.TicksPerMillisecond / 2 ? 1ul : 0ul);
        var parts = new List<string>(4);
        Part(milliseconds / 86_400_000, "d");
        Part(milliseconds / 3_600_000 % 24, "h");
        Part(milliseconds / 60_000 % 60, "m");
        if (milliseconds % 60_000 is > 0 and var rest)
        {
            parts.Add((rest / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s");
        }

        return sign + string.Join(' ', parts);

        void Part(ulong amount, string unit)
        {
            if (amount > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{amount}{unit}"));
            }
        }
    }

    /// <summary>
    /// A duration as the playbook wrote it when it was read from one (<paramref name="written"/>: <c>7d</c>, where
    /// <see cref="Format"/> gives the shorter <c>1w</c>), else as <see cref="Format"/> writes it. For people reading
    /// about their own playbook (<c>triggers explain</c>); ids and canonical text keep to <see cref="Format"/>.
    /// </summary>
    public static string AsWritten(TimeSpan duration, string? written) => written ?? Format(duration);

    /// <summary>
    /// The shortest playbook spelling of a duration (the inverse of <see cref="TryParse"/>): <c>90d</c>, <c>51030m</c>,
    /// <c>0s</c>. A fraction of a second, which no playbook spelling has (a time minus an event time with milliseconds), is
    /// rounded to the millisecond as <see cref="Describe"/> rounds it and written in seconds, <c>90061.5s</c>; below a
    /// millisecond it reads as <see cref="Describe"/> writes it (<c>2.5µs</c>). Never a fraction dropped: a webhook
    /// body saying <c>1s</c> for one and a half would be a wrong number, not a rounder one.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var ticks = duration.Ticks == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(duration.Ticks); // MinValue has no positive twin
        if (ticks < TimeSpan.TicksPerMillisecond)
        {
            return Describe(duration);
        }

        var sign = duration < TimeSpan.Zero ? "-" : "";
        var milliseconds = (ticks / TimeSpan.TicksPerMillisecond) + (ticks % TimeSpan.TicksPerMillisecond >= TimeSpan.TicksPerMillisecond / 2 ? 1ul : 0ul);
        var seconds = milliseconds / 1000;
        if (milliseconds % 1000 is > 0 and var fraction)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds}.{fraction:000}").TrimEnd('0') + "s";
        }

        return seconds switch
        {
            _ when seconds % (7 * 86400) == 0 => string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / (7 * 86400)}w"),
            _ when seconds % 86400 == 0 => string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 86400}d"),
            _ when seconds % 3600 == 0 => string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 3600}h"),
            _ when seconds % 60 == 0 => string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 60}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds}s"),
        };
    }
}
