using System.Globalization;
using Triggers.Core.Expressions;
using Triggers.Core.Model;

namespace Triggers.Core.Engine;

/// <summary>
/// Decisions about triggers the clock or a trait change evaluates (thresholds, schedules, stuck stages, at_most
/// windows): without them explain could only say that nothing happened, when a value was read and was simply not
/// past its bound. Called only when <see cref="Tracing"/> holds, so a replay without a trace never formats them.
/// </summary>
public sealed partial class JourneyEngine
{
    /// <summary>Called before the crossing is recorded, so it can tell a new crossing from one still held.</summary>
    private void NoteThreshold(AccountState state, Reaction reaction, ThresholdTrigger threshold, Value value, bool crossing, long t)
    {
        var bound = threshold.Below is { } below ? $"below {Number(below)}" : $"above {Number(threshold.Above!.Value)}";
        var read = $"value {Show(value)} ({Values(threshold.Value)})";
        var held = state.ThresholdSince.TryGetValue(reaction.Index, out var since);
        var fired = held && state.ThresholdFired.Contains(reaction.Index);
        Note(state, t, reaction, (value.Kind == ValueKind.Number, crossing, held) switch
        {
            (false, _, true) => $"{read} is not a number: nothing to compare {bound}, so the crossing since {At(since):yyyy-MM-ddTHH:mm:ssZ} stays as it was",
            (false, _, false) => $"{read} is not a number: nothing to compare {bound}",
            (_, true, false) => $"{read} is {bound}: fires at {At(t + threshold.For.Ticks):yyyy-MM-ddTHH:mm:ssZ} if it stays there",
            (_, true, true) when fired => $"{read} is still {bound}: this crossing has fired already",
            (_, true, true) => $"{read} is still {bound} (since {At(since):yyyy-MM-ddTHH:mm:ssZ}): fires at {At(since + threshold.For.Ticks):yyyy-MM-ddTHH:mm:ssZ} if it stays there",
            (_, false, true) when fired => $"{read} is no longer {bound}: the crossing is over, the next one can fire",
            (_, false, true) => $"{read} is no longer {bound}: it did not stay there for {DurationParser.AsWritten(threshold.For, threshold.ForWritten)}, so the rule does not fire",
            _ => $"{read} is not {bound}",
        });
    }

    /// <summary>Called only when what is armed changes, or when there is nothing to arm (a date missing).</summary>
    private void NoteSchedule(AccountState state, Reaction reaction, ScheduleTrigger schedule, long? due, long? armed, long t)
    {
        var read = $"{schedule.Date.Text} {DurationParser.AsWritten(schedule.Offset, schedule.OffsetWritten)} ({Values(schedule.Date)})";
        var was = armed is { } a ? $" (was {At(a):yyyy-MM-ddTHH:mm:ssZ})" : "";
        Note(state, t, reaction, due switch
        {
            null when armed is null => $"{read}: not a date, nothing scheduled",
            null => $"{read}: not a date any more, the schedule{was} is cancelled",
            { } when1 when when1 < t => $"{read}: falls at {At(when1):yyyy-MM-ddTHH:mm:ssZ}, already past, so not fired late{was}",
            { } when1 => $"{read}: falls due at {At(when1):yyyy-MM-ddTHH:mm:ssZ}{was}",
        });
    }

    /// <summary>An at_most window pushed back: the event made the count too high, so the quiet period starts again.</summary>
    private void NoteAtMost(AccountState state, Reaction reaction, CloudEvent e, long due)
    {
        var count = (CountTrigger)reaction.Trigger;
        Note(state, e.TimeTicks, reaction, $"{e.Type} {e.Id} makes more than {count.AtMost} within {DurationParser.AsWritten(count.Within, count.WithinWritten)}: fires at {At(due):yyyy-MM-ddTHH:mm:ssZ} if no other comes by then");
    }

    private void NoteStuckArmed(AccountState state, Reaction listener, string stage, long due, long t) =>
        Note(state, t, listener, $"entered stage {stage}: fires at {At(due):yyyy-MM-ddTHH:mm:ssZ} if the account is still there");

    private void NoteStuckCancelled(AccountState state, Reaction listener, string left, string entered, long t) =>
        Note(state, t, listener, $"left stage {left} for {entered}: the stuck check is cancelled");

    private static string Number(double n) => n.ToString(CultureInfo.InvariantCulture);
}
