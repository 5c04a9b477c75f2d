using Triggers.Core.Model;

namespace Triggers.Core.Engine;

/// <summary>
/// When does a quiet period end? Works on the account's local wall clock so that "08:00" stays 08:00 across
/// daylight-saving changes; a local end time that does not exist (skipped by a spring-forward) moves to the
/// first minute that does. A quiet period that would end after the last instant a date can name (9999-12-31, on the
/// account's clock or in UTC) ends at that instant: the action waits for ever, as it would have, instead of the date
/// arithmetic failing the replay.
/// </summary>
internal static class QuietHoursCalculator
{
    /// <summary>The end of the calendar, in UTC ticks.</summary>
    private static readonly long EndOfTime = DateTime.MaxValue.Ticks;

    /// <summary>The UTC ticks at which the quiet period containing <paramref name="utcTicks"/> ends, or null when not quiet.</summary>
    public static long? EndOfQuiet(QuietHours quiet, TimeZoneInfo zone, long utcTicks)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(utcTicks, DateTimeKind.Utc), zone);
        var time = TimeOnly.FromDateTime(local);
        var spansMidnight = quiet.From > quiet.To;
        var inQuiet = spansMidnight ? time >= quiet.From || time < quiet.To : time >= quiet.From && time < quiet.To;
        if (!inQuiet)
        {
            return null;
        }

        var nextDay = spansMidnight && time >= quiet.From;
        if (nextDay && local.Date == DateTime.MaxValue.Date)
        {
            return EndOfTime;
        }

        var endDate = nextDay ? local.Date.AddDays(1) : local.Date;
        var end = DateTime.SpecifyKind(endDate + quiet.To.ToTimeSpan(), DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(end))
        {
            end = end.AddMinutes(1);
        }

        if (zone.IsAmbiguousTime(end))
        {
            return FirstAfter(end, zone, utcTicks);
        }

        // West of Greenwich the last local hours of 9999-12-31 are already 10000 in UTC: the conversion stops at the end.
        return TimeZoneInfo.ConvertTimeToUtc(end, zone).Ticks;
    }

    /// <summary>
    /// A local end time that happens twice (the hour a fall-back repeats) ends the quiet period the first time it comes
    /// after <paramref name="utcTicks"/>: the conversion alone would take the second, holding an action an hour past
    /// the moment the engine itself no longer counts as quiet.
    /// </summary>
    private static long FirstAfter(DateTime end, TimeZoneInfo zone, long utcTicks)
    {
        var first = EndOfTime;
        foreach (var offset in zone.GetAmbiguousTimeOffsets(end))
        {
            var candidate = Math.Clamp(end.Ticks - offset.Ticks, 0, EndOfTime);
            if (candidate > utcTicks && candidate < first)
            {
                first = candidate;
            }
        }

        return first;
    }
}
