namespace Triggers.Core.Engine;

/// <summary>Counters of a replay, for the summary line.</summary>
public sealed class SimulationStats
{
    public long Events { get; internal set; }

    public long Processed { get; internal set; }

    public long Duplicates { get; internal set; }

    public long Late { get; internal set; }

    public long Rejected { get; internal set; }

    public long AfterUntil { get; internal set; }

    /// <summary>Events of accounts another part of the history replays (<see cref="SimulationOptions.Part"/>), or another account than the one explained.</summary>
    public long OtherAccounts { get; internal set; }

    public long Actions { get; internal set; }

    public long Suppressed { get; internal set; }

    public long Milestones { get; internal set; }

    public long StageChanges { get; internal set; }

    public long Timers { get; internal set; }

    public int Accounts { get; internal set; }

    /// <summary>Quiet-hour checks kept in UTC: the account had no time zone, or one nobody knows (then named in <see cref="UnknownTimeZones"/>).</summary>
    public long QuietHoursWithoutZone { get; internal set; }

    public long QuietHoursWithUnknownZone { get; internal set; }

    public IReadOnlyCollection<string> UnknownTimeZones { get; internal set; } = [];

    /// <summary>Schedule checks whose date read a value that is no time (text that is not an ISO 8601 date), and up to five such values.</summary>
    public long SchedulesWithoutDate { get; internal set; }

    public IReadOnlyCollection<string> NotDates { get; internal set; } = [];

    /// <summary>Event types no playbook hears that differ only in case, white space or '-' from one a playbook listens for, with that type.</summary>
    public IReadOnlyDictionary<string, string> LookalikeTypes { get; internal set; } = new Dictionary<string, string>();

    /// <summary>"a schedule's date was not a date 3 times ('09/01/2026'), so nothing was scheduled then", or null when it never was.</summary>
    public static string? DescribeSchedulesWithoutDate(SimulationStats s) => s.SchedulesWithoutDate == 0 ? null
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"a schedule's date was not a date {s.SchedulesWithoutDate:N0} time{(s.SchedulesWithoutDate == 1 ? "" : "s")} ({string.Join(", ", s.NotDates.Select(d => $"'{d}'"))}), so nothing was scheduled then; write dates as ISO 8601, such as 2026-09-01, falling in the years 1 to 9999 once read in UTC");

    /// <summary>Trait values not kept because their account's traits were at <see cref="AccountState.MaxTraitSize"/>.</summary>
    public long TraitsNotKept { get; internal set; }

    /// <summary>"quiet hours were kept in UTC for 3 actions: 2 whose time zone was not set (the trait the rule reads for it was missing or null), 1 whose time zone is unknown ('Europe/Berln')".</summary>
    public static string DescribeQuietHoursInUtc(SimulationStats s)
    {
        var parts = new List<string>();
        if (s.QuietHoursWithoutZone > 0)
        {
            parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.QuietHoursWithoutZone:N0} whose time zone was not set (the trait the rule reads for it was missing or null)"));
        }

        if (s.QuietHoursWithUnknownZone > 0)
        {
            parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{s.QuietHoursWithUnknownZone:N0} whose time zone is unknown ({string.Join(", ", s.UnknownTimeZones.Select(z => $"'{z}'"))})"));
        }

        var all = s.QuietHoursWithoutZone + s.QuietHoursWithUnknownZone;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"quiet hours were kept in UTC for {all:N0} action{(all == 1 ? "" : "s")}: {string.Join(", ", parts)}");
    }

    internal void Count(Outcome outcome)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Action:
                Actions++;
                break;
            case OutcomeKind.Suppressed:
                Suppressed++;
                break;
            case OutcomeKind.Milestone:
                Milestones++;
                break;
            case OutcomeKind.Stage:
                StageChanges++;
                break;
        }
    }
}
