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

        // West of Greenwich the last local hours of 9999-12-31 are already 10000 in UTC: the conversion stops at the end.
        return TimeZoneInfo.ConvertTimeToUtc(end, zone).Ticks;
    }
}
