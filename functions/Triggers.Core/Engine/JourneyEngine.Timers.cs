using Triggers.Core.Model;

namespace Triggers.Core.Engine;

/// <summary>Timers: windows closing, thresholds held long enough, schedules falling due, stages overstayed.</summary>
public sealed partial class JourneyEngine
{
    private void Fire(AccountState state, PendingItem item)
    {
        var trigger = Lease(state, item);
        try
        {
            Fire(state, item, trigger);
        }
        finally
        {
            Release(trigger);
        }
    }

    private void Fire(AccountState state, PendingItem item, CloudEvent? trigger)
    {
        var reaction = Reactions[item.Reaction];
        var t = item.Due;
        switch (item.Kind)
        {
            // A rule fired by a timer must still apply when the timer falls due: an account that left the playbook's
            // segment while a window was open, or during the quiet night, gets nothing (as with stuck stages and at_most).
            case PendingKind.Absence when Applies(state, reaction, trigger):
                Complete(state, reaction, trigger, item.Cause, t, depth: 0);
                break;
            case PendingKind.MilestoneWindow:
                MilestoneOutcome(state, reaction, MilestoneStatus.Failed, trigger, item.Cause, t);
                MilestoneChanged(state, reaction, MilestoneStatus.Failed, trigger, item.Cause, t, depth: 0);
                break;
            case PendingKind.ThresholdHold:
                if (state.ThresholdSince.TryGetValue(reaction.Index, out var since) && since == item.Since && Applies(state, reaction, trigger) &&
                    state.ThresholdFired.Add(reaction.Index))
                {
                    Triggered(state, reaction, trigger, item.Cause, t, depth: 0);
                }

                break;
            case PendingKind.Schedule when Applies(state, reaction, null):
                Triggered(state, reaction, null, item.Cause, t, depth: 0);
                break;
            case PendingKind.StageStuck:
                var stage = ((StageTrigger)reaction.Trigger).StageId;
                if (program.StageById(stage) is { } s && state.CurrentStage.GetValueOrDefault(s.JourneyId) == stage && Applies(state, reaction, null))
                {
                    Triggered(state, reaction, trigger, item.Cause, t, depth: 0);
                }

                break;
            case PendingKind.DelayedAction:
                ReleaseHeld(state, reaction, item, trigger);
                break;
            case PendingKind.AtMost:
                FireAtMost(state, reaction, item);
                break;
        }
    }

    private void FireAtMost(AccountState state, Reaction reaction, PendingItem item)
    {
        var count = (CountTrigger)reaction.Trigger;
        var t = item.Due;
        var times = Times(state, reaction.Index);
        AccountState.DropUpTo(times, t - count.Within.Ticks);
        if (times.Count <= count.AtMost!.Value && Applies(state, reaction, null))
        {
            Triggered(state, reaction, null, item.Cause, t, depth: 0);
        }

        // The next window starts where this one ended.
        AddPending(state, state.NewPending(PendingKind.AtMost, reaction.Index, AtMostDue(state, reaction, t), $"at-most:{t}", since: t), reaction, t);
    }

    /// <summary>Account traits changed: re-read every threshold value and schedule date.</summary>
    private void TraitsChanged(AccountState state, CloudEvent e, long t)
    {
        foreach (var reaction in program.TraitReactions)
        {
            var applies = Applies(state, reaction, e);
            SetContext(state, e, null);
            switch (reaction.Trigger)
            {
                case ThresholdTrigger threshold:
                    var value = threshold.Value.Compiled.Evaluate(_context);
                    var crossing = applies && value.Kind == Expressions.ValueKind.Number &&
                                   (threshold.Below is { } below ? value.AsNumber < below : value.AsNumber > threshold.Above!.Value);
                    if (Tracing(state))
                    {
                        if (applies)
                        {
                            NoteThreshold(state, reaction, threshold, value, crossing, t);
                        }
                        else if (state.ThresholdSince.TryGetValue(reaction.Index, out var since))
                        {
                            Note(state, t, reaction, $"the account left the playbook's segment: the crossing since {At(since):yyyy-MM-ddTHH:mm:ssZ} ends, and one back in it starts anew");
                        }
                    }

                    if (applies && value.Kind != Expressions.ValueKind.Number)
                    {
                        // No number to compare (the trait went null, or came as text): neither a crossing nor a
                        // recovery, so a crossing held or fired stays as it was and a value back past the bound is the
                        // same crossing, not a second one that fires again.
                        break;
                    }

                    if (crossing && !state.ThresholdSince.ContainsKey(reaction.Index))
                    {
                        state.ThresholdSince[reaction.Index] = t;
                        AddPending(state, state.NewPending(PendingKind.ThresholdHold, reaction.Index, t + threshold.For.Ticks, $"{e.Id}>threshold", trigger: e, since: t), reaction, t);
                    }
                    else if (!crossing && state.ThresholdSince.Remove(reaction.Index))
                    {
                        state.ThresholdFired.Remove(reaction.Index);
                        state.RemovePending(PendingKind.ThresholdHold, reaction.Index);
                    }

                    break;
                case ScheduleTrigger schedule:
                    Rearm(state, reaction, schedule, applies, t);
                    break;
            }
        }
    }

    /// <summary>Schedule checks whose date was a value that is no time (text that is not ISO 8601, a number), with up to five of them.</summary>
    public long SchedulesWithoutDate { get; private set; }

    public IReadOnlyCollection<string> NotDates => _notDates;

    private readonly SortedSet<string> _notDates = new(StringComparer.Ordinal);

    private void NotADate(Expressions.Value value)
    {
        SchedulesWithoutDate++;
        if (_notDates.Count < 5)
        {
            _notDates.Add(value.AsString.Length > 40 ? $"{value.AsString[..40]}..." : value.AsString);
        }
    }

    private void Rearm(AccountState state, Reaction reaction, ScheduleTrigger schedule, bool applies, long t)
    {
        var value = applies ? schedule.Date.Compiled.Evaluate(_context) : Expressions.Value.Null;
        long? due = value.TryGetTime(out var date) ? date + schedule.Offset.Ticks : null;
        if (due is null && !value.IsNull)
        {
            NotADate(value); // a trait written 09/01/2026: said once at the end of a run, or the schedule would not fire unseen
        }

        var armed = state.ScheduleArmed.TryGetValue(reaction.Index, out var previous) ? previous : (long?)null;
        if (Tracing(state) && applies && (due != armed || due is null))
        {
            NoteSchedule(state, reaction, schedule, due, armed, t);
        }

        if (due == armed)
        {
            return;
        }

        state.RemovePending(PendingKind.Schedule, reaction.Index);
        state.ScheduleArmed.Remove(reaction.Index);
        if (due is not { } when)
        {
            return;
        }

        state.ScheduleArmed[reaction.Index] = when;
        // A date whose moment has already passed is not fired late: that would flood accounts on first import.
        if (when >= t)
        {
            AddPending(state, state.NewPending(PendingKind.Schedule, reaction.Index, when, $"schedule:{At(when):yyyy-MM-ddTHH:mm:ssZ}", since: when - schedule.Offset.Ticks), reaction, t);
        }
    }
}
