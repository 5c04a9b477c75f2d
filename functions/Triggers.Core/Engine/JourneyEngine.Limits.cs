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
    /// would put more than <c>max</c> fires within one period.
    /// </summary>
    private bool Counted(AccountState state, Reaction reaction, Limit limit, CloudEvent? trigger, string cause, long t, long sent)
    {
        if (!state.Fires.TryGetValue(reaction.Index, out var fires))
        {
            state.Fires[reaction.Index] = fires = state.NewTimes();
        }

        AccountState.DropUpTo(fires, t - limit.Per.Ticks); // nothing sent from now on can share a period with these
        if (LimitReached(fires, sent, limit) is not { } other)
        {
            fires.Insert(After(fires, sent), sent);
            return true;
        }

        var when = other > t ? $"another fire held by quiet hours goes out at {At(other):yyyy-MM-ddTHH:mm:ssZ}" : $"last fired {At(other):yyyy-MM-ddTHH:mm:ssZ}";
        var actions = reaction.Rule!.Actions;
        for (var i = 0; i < actions.Count; i++)
        {
            Suppressed(state, reaction, i, trigger, cause, t, "limit",
                $"limit of {limit.Max} per {DurationParser.AsWritten(limit.Per, limit.PerWritten)} reached ({when})");
        }

        return false;
    }

    /// <summary>
    /// Whether a fire going out at <paramref name="sent"/> would make <c>max + 1</c> fires less than a period apart
    /// (fires exactly a period apart are in different periods: one a day at the same hour goes out every day), with
    /// the recorded fire nearest to it in that span; null when it may go out.
    /// </summary>
    internal static long? LimitReached(List<long> fires, long sent, Limit limit)
    {
        var at = After(fires, sent); // where the fire would lie among the others
        var span = limit.Max; // max + 1 fires lie between positions j and j + max
        for (var j = Math.Max(0, at - span); j <= at && j + span <= fires.Count; j++)
        {
            var first = j < at ? fires[j] : sent;
            var last = j + span == at ? sent : fires[j + span - 1];
            if (last - first < limit.Per.Ticks)
            {
                return at > 0 && (at == fires.Count || sent - fires[at - 1] <= fires[at] - sent) ? fires[at - 1] : fires[at];
            }
        }

        return null;
    }

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
    /// A held action falls due: it goes out, unless the account left the playbook's segment meanwhile (then the fire
    /// never went out and no longer counts), or the account's time zone changed overnight so that it is still night
    /// there (then it is held again until that morning, and the fire counts from then).
    /// </summary>
    private void ReleaseHeld(AccountState state, Reaction reaction, PendingItem item, CloudEvent? trigger)
    {
        var t = item.Due;
        var first = item.Action == 0; // a fire's actions are held and released together: its first one speaks for it
        if (!Applies(state, reaction, trigger))
        {
            if (first)
            {
                Unrecord(state, reaction, t);
            }

            return;
        }

        var rule = reaction.Rule!;
        if (rule.QuietHours is { } quiet && Zone(state, quiet, trigger, reaction, actions: 0) is var zone &&
            QuietHoursCalculator.EndOfQuiet(quiet, zone, t) is { } later && later > t)
        {
            if (Tracing(state))
            {
                Note(state, t, reaction, $"{rule.Actions[item.Action].Kind} held again: the account's time zone is now {zone.Id}, where quiet hours {quiet.From:HH:mm}-{quiet.To:HH:mm} last until {At(later):yyyy-MM-ddTHH:mm:ssZ}");
            }

            if (first && Unrecord(state, reaction, t) is { } fires)
            {
                fires.Insert(After(fires, later), later);
            }

            AddPending(state, state.NewPending(PendingKind.DelayedAction, reaction.Index, later, item.Cause, trigger: trigger, since: item.Since, action: item.Action), reaction, t);
            return;
        }

        Deliver(state, reaction, item.Action, trigger, item.Cause, t, depth: 0);
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
