using Triggers.Core.Model;

namespace Triggers.Core.Engine;

/// <summary>
/// A rule's <c>limit</c>, counted by when its fires go out: at once, or when quiet hours end. An account's recent
/// fires of the rule are kept as those moments, in order (<see cref="AccountState.Fires"/>); a fire held overnight is
/// kept at its morning from the moment it is held, moved when the account's time zone changes the morning, and
/// forgotten when it never goes out.
/// </summary>
public sealed partial class JourneyEngine
{
    /// <summary>
    /// Records a fire going out at <paramref name="sent"/>, or reports its actions suppressed and returns false when that
    /// would put more than <c>max</c> fires within one period. With quiet hours, periods are measured on the clock of
    /// their <paramref name="zone"/>: the 08:00 mornings either side of a daylight-saving change are a day apart there,
    /// though 23 or 25 hours apart in UTC, so a fire every evening under <c>per: 1d</c> still goes out every morning.
    /// </summary>
    private Verdict Counted(AccountState state, Reaction reaction, Limit limit, CloudEvent? trigger, string cause, long t, long sent, TimeZoneInfo? zone)
    {
        if (!state.Fires.TryGetValue(reaction.Index, out var fires))
        {
            state.Fires[reaction.Index] = fires = state.NewTimes();
        }

        // Nothing sent from now on can share a period with these (a day more on a local clock, whose hours can be 23 or 25).
        AccountState.DropUpTo(fires, t - limit.Per.Ticks - (zone is null ? 0 : TimeSpan.TicksPerDay));
        if (LimitReached(fires, sent, limit, zone) is not { } other)
        {
            fires.Insert(After(fires, sent), sent);
            return Verdict.Counted;
        }

        if (sent > t && other > t && LimitReached(fires[..After(fires, t)], sent, limit, zone) is null)
        {
            // Held itself, and over the limit only through fires held to a morning too, which may yet be dropped (the
            // invitee logs in at 23:00): it waits with them, and is counted or suppressed when they are decided.
            return Verdict.Standby;
        }

        var when = other > t ? $"another fire is held by quiet hours until {At(other):yyyy-MM-ddTHH:mm:ssZ}" : $"last fired {At(other):yyyy-MM-ddTHH:mm:ssZ}";
        var actions = reaction.Rule!.Actions;
        for (var i = 0; i < actions.Count; i++)
        {
            Suppressed(state, reaction, i, trigger, cause, t, "limit",
                $"limit of {limit.Max} per {DurationParser.AsWritten(limit.Per, limit.PerWritten)} reached ({when})");
        }

        return Verdict.Suppressed;
    }

    /// <summary>What <see cref="Counted"/> decided for a fire.</summary>
    private enum Verdict
    {
        /// <summary>Recorded: it goes out, at once or at its morning.</summary>
        Counted,

        /// <summary>Over the limit: its actions are reported suppressed.</summary>
        Suppressed,

        /// <summary>Held, and over the limit only through other held fires: decided when released, after them.</summary>
        Standby,
    }

    /// <summary>
    /// Whether a fire going out at <paramref name="sent"/> would make <c>max + 1</c> fires less than a period apart
    /// (fires exactly a period apart are in different periods: one a day at the same hour goes out every day), with
    /// the recorded fire nearest to it in that span; null when it may go out. Apart means on <paramref name="zone"/>'s
    /// clock when one is given.
    /// </summary>
    internal static long? LimitReached(List<long> fires, long sent, Limit limit, TimeZoneInfo? zone = null)
    {
        var at = After(fires, sent); // where the fire would lie among the others
        var span = limit.Max; // max + 1 fires lie between positions j and j + max
        for (var j = Math.Max(0, at - span); j <= at && j + span <= fires.Count; j++)
        {
            var first = j < at ? fires[j] : sent;
            var last = j + span == at ? sent : fires[j + span - 1];
            if (Local(last, zone) - Local(first, zone) < limit.Per.Ticks)
            {
                return at > 0 && (at == fires.Count || sent - fires[at - 1] <= fires[at] - sent) ? fires[at - 1] : fires[at];
            }
        }

        return null;
    }

    private static long Local(long utc, TimeZoneInfo? zone) =>
        zone is null || ReferenceEquals(zone, TimeZoneInfo.Utc) ? utc : utc + zone.GetUtcOffset(new DateTime(utc, DateTimeKind.Utc)).Ticks;

    /// <summary>The place after every recorded fire at or before <paramref name="time"/>.</summary>
    private static int After(List<long> fires, long time)
    {
        var at = fires.Count;
        while (at > 0 && fires[at - 1] > time)
        {
            at--;
        }

        return at;
    }

    /// <summary>
    /// A held action falls due and the fire is decided again: it goes out only if it would still fire now. It does not
    /// when the account left the playbook's segment, the rule's <c>where</c> is now false, or what the trigger rested on
    /// no longer holds (<see cref="NoLongerHolds"/>); an <c>unless</c> event arriving while it waits cancels it as it
    /// would have closed the window (<see cref="CloseWindows"/>). Such a fire never went out and no longer counts
    /// toward the limit. When the account's time zone changed overnight so that it is still night there, it is held
    /// again until that morning, and the fire counts from then.
    /// </summary>
    private void ReleaseHeld(AccountState state, Reaction reaction, PendingItem item, CloudEvent? trigger)
    {
        var t = item.Due;
        var first = item.Action == 0; // a fire's actions are held and released together: its first one speaks for it
        if (first || _released.Reaction != reaction.Index || _released.Due != t || _released.Cause != item.Cause)
        {
            // Decided once for the whole fire, before any of its actions goes out: an emit among them must not make
            // the ones after it read as no longer meant (a "nudged" flag set by the fire itself).
            var why = !Applies(state, reaction, trigger) ? "" : NoLongerHolds(state, reaction, item, trigger); // "": Applies said why
            var quiet = reaction.Rule!.QuietHours!;
            var zone = why is null ? Zone(state, quiet, trigger, reaction, actions: 0) : null;
            long? again = zone is not null && QuietHoursCalculator.EndOfQuiet(quiet, zone, t) is { } end && end > t ? end : null;
            _released.Zone = zone;
            if (why is null && again is null && item.Standby)
            {
                switch (Counted(state, reaction, reaction.Rule.Limit!, trigger, item.Cause, t, t, zone))
                {
                    case Verdict.Suppressed:
                        why = ""; // the fires it waited on went out: its actions are reported suppressed by the limit, now
                        break;
                    case Verdict.Standby:
                        // What it waited on is held to a later morning still (another zone): it goes out now, counted.
                        var fires = state.Fires[reaction.Index];
                        fires.Insert(After(fires, t), t);
                        break;
                }
            }

            (_released.Reaction, _released.Due, _released.Cause, _released.Why, _released.Again) = (reaction.Index, t, item.Cause, why, again);
        }

        if (_released.Why is { } changed)
        {
            if (changed.Length > 0)
            {
                Dropped(state, reaction, item, changed);
            }

            if (first && !item.Standby)
            {
                Unrecord(state, reaction, t); // a fire on standby was never counted
            }

            return;
        }

        var rule = reaction.Rule!;
        if (_released.Again is { } later)
        {
            var (quiet, zone) = (rule.QuietHours!, _released.Zone!);
            if (Tracing(state))
            {
                Note(state, t, reaction, $"{rule.Actions[item.Action].Kind} held again: the account's time zone is now {zone.Id}, where quiet hours {quiet.From:HH:mm}-{quiet.To:HH:mm} last until {At(later):yyyy-MM-ddTHH:mm:ssZ}");
            }

            if (first && !item.Standby && Unrecord(state, reaction, t) is { } fires)
            {
                fires.Insert(After(fires, later), later);
            }

            var again = state.NewPending(PendingKind.DelayedAction, reaction.Index, later, item.Cause, trigger: trigger, since: item.Since, action: item.Action);
            again.Standby = item.Standby;
            AddPending(state, again, reaction, t);
            return;
        }

        // A fire's actions are released one after another at the same moment: when none of them went out (each
        // suppressed: unsubscribed, no address), the fire no longer counts toward the limit.
        _releasedSent = (first ? false : _releasedSent) | Deliver(state, reaction, item.Action, trigger, item.Cause, t, depth: 0);
        if (item.Action == rule.Actions.Count - 1 && !_releasedSent)
        {
            Unrecord(state, reaction, t);
        }
    }

    // Whether an action of the fire being released went out (see ReleaseHeld).
    private bool _releasedSent;

    // The fire being released and what was decided for it (see ReleaseHeld).
    private (int Reaction, long Due, string? Cause, string? Why, long? Again, TimeZoneInfo? Zone) _released = (-1, 0, null, null, null, null);

    /// <summary>
    /// Why a held fire would no longer fire at its morning, or null: its <c>where</c> is false now (traits changed
    /// overnight), the threshold crossing that fired it ended, its schedule's date moved, the account moved on from
    /// the stage it was stuck in, or an <c>at_most</c> count was passed while it waited.
    /// </summary>
    private string? NoLongerHolds(AccountState state, Reaction reaction, PendingItem item, CloudEvent? trigger)
    {
        if (reaction.Where is { } where)
        {
            SetContext(state, trigger, trigger);
            if (!where.Compiled.IsTrue(_context))
            {
                return $"where {where.Text} {NotMet(where)} now ({Values(where)})";
            }
        }

        var t = item.Due;
        var fired = item.Since - (reaction.Unless?.Within.Ticks ?? 0); // when the trigger itself came
        switch (reaction.Trigger)
        {
            // The crossing that fired it, not just some crossing: one that ended and a later one that fired the same
            // night would otherwise send both at the morning, two identical emails.
            case ThresholdTrigger threshold when !state.ThresholdFired.Contains(reaction.Index) ||
                                                 !state.ThresholdSince.TryGetValue(reaction.Index, out var start) || start + threshold.For.Ticks != fired:
                return "the threshold crossing that fired it ended";
            case ScheduleTrigger when !state.ScheduleArmed.TryGetValue(reaction.Index, out var armed) || armed != fired:
                return state.ScheduleArmed.TryGetValue(reaction.Index, out var moved)
                    ? $"the schedule's date moved: it now falls due at {At(moved):yyyy-MM-ddTHH:mm:ssZ}"
                    : "the schedule's date is gone";
            case StageTrigger { StuckFor: not null } stuck when program.StageById(stuck.StageId) is { } s && state.CurrentStage.GetValueOrDefault(s.JourneyId) != stuck.StageId:
                return $"the account moved on from stage {stuck.StageId}";
            case CountTrigger { AtMost: { } most } count:
                // Counted, not dropped: the at_most windows still to come keep their own reading of these times.
                var since = t - count.Within.Ticks;
                var recent = Times(state, reaction.Index).Count(time => time > since);
                return recent > most ? $"{recent} {count.EventType} within {DurationParser.AsWritten(count.Within, count.WithinWritten)} by now, more than {most}" : null;
            default:
                return null;
        }
    }

    /// <summary>Notes why a held action is dropped at its morning.</summary>
    private void Dropped(AccountState state, Reaction reaction, PendingItem item, string why)
    {
        if (Tracing(state))
        {
            Note(state, item.Due, reaction, $"{reaction.Rule!.Actions[item.Action].Kind} held by quiet hours is not sent: {why}");
        }
    }

    /// <summary>Forgets the recorded fire going out at <paramref name="sent"/>; the rule's fires, or null without a limit.</summary>
    private static List<long>? Unrecord(AccountState state, Reaction reaction, long sent)
    {
        if (reaction.Rule!.Limit is null || !state.Fires.TryGetValue(reaction.Index, out var fires))
        {
            return null;
        }

        var at = fires.LastIndexOf(sent);
        if (at >= 0)
        {
            fires.RemoveAt(at);
        }

        return fires;
    }
}
