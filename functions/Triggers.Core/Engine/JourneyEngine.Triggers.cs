using Triggers.Core.Expressions;
using Triggers.Core.Model;

namespace Triggers.Core.Engine;

/// <summary>Trigger kinds: how an event, a milestone change, a stage entry or a trait change starts a reaction.</summary>
public sealed partial class JourneyEngine
{
    private void React(AccountState state, Reaction reaction, CloudEvent e, int depth)
    {
        if (!Applies(state, reaction, e))
        {
            return;
        }

        var t = e.TimeTicks;
        switch (reaction.Trigger)
        {
            case EventTrigger trigger:
                // A stage is entered once: most events that would enter one find it long entered, and this answer
                // needs neither the event's where (unless explain wants its verdict), nor the event's id as text, nor
                // the calls EnterStage would make to reach it.
                var entered = reaction.Kind == ReactionKind.EnterStage && state.HasEntered(program, reaction.Index, reaction.Stage!.Id);
                if ((!entered || Tracing(state)) && Matches(state, reaction, trigger.Where, e) && !entered)
                {
                    Triggered(state, reaction, e, e.Id, t, depth);
                }

                break;
            case CountTrigger count when Matches(state, reaction, count.Where, e):
                var times = Times(state, reaction.Index);
                times.Add(t);
                if (count.AtLeast is { } atLeast)
                {
                    // Within includes its end, as an unless window's does: two events exactly W apart count together.
                    AccountState.DropUpTo(times, t - count.Within.Ticks - 1);
                    if (times.Count >= atLeast)
                    {
                        // Fire once per burst: the next fire needs a fresh set of at_least events.
                        times.Clear();
                        Triggered(state, reaction, e, e.Id, t, depth);
                    }
                    else if (Tracing(state))
                    {
                        Note(state, t, reaction, $"counted {e.Type} {e.Id}: {times.Count} of {atLeast} within {DurationParser.AsWritten(count.Within, count.WithinWritten)}");
                    }
                }
                else
                {
                    if (times.Count > count.AtMost!.Value + 1)
                    {
                        times.RemoveAt(0);
                    }

                    RearmAtMost(state, reaction, e);
                }

                break;
        }
    }

    private bool Matches(AccountState state, Reaction reaction, Expr? where, CloudEvent e)
    {
        if (where is null)
        {
            return true;
        }

        SetContext(state, e, null);
        if (where.Compiled.IsTrue(_context))
        {
            return true;
        }

        if (Tracing(state))
        {
            Note(state, e.TimeTicks, reaction, $"{e.Type} {e.Id} did not match: {where.Text} {NotMet(where)} ({Values(where)})");
        }

        return false;
    }

    private List<long> Times(AccountState state, int reaction)
    {
        if (!state.Counts.TryGetValue(reaction, out var times))
        {
            state.Counts[reaction] = times = state.NewTimes();
        }

        return times;
    }

    /// <summary>The trigger held: check the rule's where, then either open the unless window or complete now.</summary>
    private void Triggered(AccountState state, Reaction reaction, CloudEvent? trigger, string cause, long t, int depth)
    {
        if (reaction.Where is { } where)
        {
            SetContext(state, trigger, trigger);
            if (!where.Compiled.IsTrue(_context))
            {
                if (Tracing(state))
                {
                    Note(state, t, reaction, $"triggered by {trigger?.Id ?? cause} but where {where.Text} {NotMet(where)} ({Values(where)})");
                }

                return;
            }
        }

        if (reaction.Unless is { } unless)
        {
            if (Tracing(state))
            {
                Note(state, t, reaction, $"triggered by {trigger?.Id ?? cause}: waiting until {At(t + unless.Within.Ticks):yyyy-MM-ddTHH:mm:ssZ} for no {unless.EventType}{(unless.Where is null ? "" : $" where {unless.Where.Text}")}");
            }

            AddPending(state, state.NewPending(PendingKind.Absence, reaction.Index, t + unless.Within.Ticks, cause, trigger: trigger), reaction, t);
            return;
        }

        Complete(state, reaction, trigger, cause, t, depth);
    }

    private void Complete(AccountState state, Reaction reaction, CloudEvent? trigger, string cause, long t, int depth)
    {
        switch (reaction.Kind)
        {
            case ReactionKind.Rule:
                FireRule(state, reaction, trigger, cause, t, depth);
                break;
            case ReactionKind.ReachMilestone:
                var milestone = reaction.Milestone!;
                MilestoneOutcome(state, reaction, MilestoneStatus.Reached, trigger, cause, t);
                AddPending(state, state.NewPending(PendingKind.MilestoneWindow, reaction.Index, t + milestone.Success.Within.Ticks, cause, trigger: trigger), reaction, t);
                MilestoneChanged(state, reaction, MilestoneStatus.Reached, trigger, cause, t, depth);
                break;
            case ReactionKind.EnterStage:
                EnterStage(state, reaction, trigger, cause, t, depth);
                break;
        }
    }

    /// <summary>
    /// Events close windows: an <c>unless</c> match cancels a pending fire (also one decided already and held by quiet
    /// hours: the invitee who logs in at 23:00 gets no "you never logged in" at 08:00), a success match completes a milestone.
    /// </summary>
    private void CloseWindows(AccountState state, CloudEvent e, int depth)
    {
        if (!state.HasPending)
        {
            return;
        }

        for (var i = 0; i < state.Pending.Count; i++)
        {
            var item = state.Pending[i];
            var reaction = Reactions[item.Reaction];
            var match = item.Kind switch
            {
                PendingKind.Absence or PendingKind.DelayedAction => reaction.Unless,
                PendingKind.MilestoneWindow => reaction.Milestone!.Success,
                _ => null,
            };
            if (match is null || match.EventType != e.Type || e.TimeTicks > item.Due)
            {
                continue;
            }

            var trigger = Lease(state, item);
            try
            {
                if (Closes(state, e, match, trigger))
                {
                    state.Pending.RemoveAt(i--);
                    i = Closed(state, e, item, reaction, trigger, i, depth);
                    state.Recycle(item);
                }
            }
            finally
            {
                Release(trigger);
            }
        }
    }

    private bool Closes(AccountState state, CloudEvent e, EventMatch match, CloudEvent? trigger)
    {
        SetContext(state, e, trigger);
        return match.Where is null || match.Where.Compiled.IsTrue(_context);
    }

    /// <summary>A window closed: a milestone succeeds (reactions may change the pending list: the scan restarts).</summary>
    private int Closed(AccountState state, CloudEvent e, PendingItem item, Reaction reaction, CloudEvent? trigger, int i, int depth)
    {
        if (Tracing(state))
        {
            Note(state, e.TimeTicks, reaction, item.Kind switch
            {
                PendingKind.Absence => $"window opened by {item.Cause} closed early: {e.Type} {e.Id} arrived, so the rule does not fire",
                PendingKind.DelayedAction => $"{reaction.Rule!.Actions[item.Action].Kind} held by quiet hours is not sent: {e.Type} {e.Id} arrived while it waited",
                _ => $"{e.Type} {e.Id} completed the milestone",
            });
        }

        if (item.Kind == PendingKind.DelayedAction && item.Action == 0)
        {
            Unrecord(state, reaction, item.Due); // it never goes out, so it no longer counts toward the limit
        }

        if (item.Kind != PendingKind.MilestoneWindow)
        {
            return i;
        }

        MilestoneOutcome(state, reaction, MilestoneStatus.Succeeded, trigger, item.Cause, e.TimeTicks, success: e);
        MilestoneChanged(state, reaction, MilestoneStatus.Succeeded, trigger, item.Cause, e.TimeTicks, depth);
        return -1;
    }

    private void MilestoneChanged(AccountState state, Reaction milestone, MilestoneStatus status, CloudEvent? trigger, string cause,
        long t, int depth)
    {
        foreach (var reaction in milestone.Listeners[(int)status])
        {
            if (Applies(state, reaction, trigger))
            {
                Triggered(state, reaction, trigger, cause + milestone.CauseSuffixes[(int)status], t, depth);
            }
        }
    }

    private void EnterStage(AccountState state, Reaction reaction, CloudEvent? trigger, string cause, long t, int depth)
    {
        var stage = reaction.Stage!;
        if (state.HasEntered(program, reaction.Index, stage.Id))
        {
            return; // Stages are entered once (most calls end here: the events that enter a stage keep coming)...
        }

        var current = state.CurrentStage.GetValueOrDefault(stage.JourneyId);
        if (current is not null && program.StageOrder(current) > reaction.StageOrder)
        {
            return; // ...and only forwards.
        }

        state.Stages[stage.Id] = t;
        state.CurrentStage[stage.JourneyId] = stage.Id;
        if (current is not null && state.HasPending)
        {
            foreach (var listener in program.OnStage(current))
            {
                if (Tracing(state) && state.IndexOfPending(PendingKind.StageStuck, listener.Index) >= 0)
                {
                    NoteStuckCancelled(state, listener, current, stage.Id, t);
                }

                state.RemovePending(PendingKind.StageStuck, listener.Index);
            }
        }

        Emit(new Outcome
        {
            Kind = OutcomeKind.Stage, Key = new EffectIds.Key(reaction.Version, reaction.Name, cause, "entered"),
            Time = At(t), AccountId = state.AccountId, Journey = stage.JourneyId, Stage = stage.Id, TriggerEventId = trigger?.Id,
            Because = reaction.EnteredFrom(current),
        });

        foreach (var listener in reaction.Listeners[0])
        {
            var stuck = ((StageTrigger)listener.Trigger).StuckFor;
            if (stuck is { } duration)
            {
                if (Tracing(state))
                {
                    NoteStuckArmed(state, listener, stage.Id, t + duration.Ticks, t);
                }

                AddPending(state, state.NewPending(PendingKind.StageStuck, listener.Index, t + duration.Ticks, cause + reaction.CauseSuffixes[1], trigger: trigger, since: t), listener, t);
            }
            else if (Applies(state, listener, trigger))
            {
                Triggered(state, listener, trigger, cause + reaction.CauseSuffixes[0], t, depth);
            }
        }
    }

    private void ArmAtMost(AccountState state, long t)
    {
        foreach (var reaction in program.AtMostReactions)
        {
            if (state.IndexOfPending(PendingKind.AtMost, reaction.Index) < 0)
            {
                var within = ((CountTrigger)reaction.Trigger).Within.Ticks;
                AddPending(state, state.NewPending(PendingKind.AtMost, reaction.Index, t + within, $"at-most:{t}", since: t), reaction, t);
            }
        }
    }

    /// <summary>
    /// An at_most window is sliding: it ends W after both its anchor and the event that would make the count too
    /// high, i.e. the first instant the last W holds at most N matching events.
    /// </summary>
    private void RearmAtMost(AccountState state, Reaction reaction, CloudEvent e)
    {
        var index = state.IndexOfPending(PendingKind.AtMost, reaction.Index);
        if (index < 0)
        {
            return;
        }

        var item = state.Pending[index];
        var due = AtMostDue(state, reaction, item.Since);
        if (due != item.Due)
        {
            if (Tracing(state))
            {
                NoteAtMost(state, reaction, e, due);
            }

            state.Pending.RemoveAt(index);
            item.Due = due;
            state.AddPending(item);
        }
    }

    private long AtMostDue(AccountState state, Reaction reaction, long anchor)
    {
        var count = (CountTrigger)reaction.Trigger;
        var times = Times(state, reaction.Index);
        var limit = count.AtMost!.Value;
        var due = anchor + count.Within.Ticks;
        return times.Count > limit ? Math.Max(due, times[^(limit + 1)] + count.Within.Ticks) : due;
    }

    /// <summary>Adds a window or timer the account waits on; false (reported as <c>capacity</c>) when it already waits on too many.</summary>
    private bool AddPending(AccountState state, PendingItem item, Reaction reaction, long t)
    {
        if (state.Pending.Count >= AccountState.MaxPending)
        {
            var held = item.Kind == PendingKind.DelayedAction;
            Emit(new Outcome
            {
                // A held fire's actions are refused one by one: each its own id, and named as its action.
                Kind = OutcomeKind.Suppressed, Key = new EffectIds.Key(reaction.Version, reaction.Name, item.Cause, held ? $"capacity:{item.Action}" : "capacity"),
                Action = held ? reaction.Rule!.Actions[item.Action].Kind : null,
                // Named as its timer would be (rule, milestone or stage) with what opened it, so a reader can tell which
                // invitation or window was not tracked.
                Time = At(t), AccountId = state.AccountId, Playbook = reaction.PlaybookId, Rule = reaction.Rule?.Id,
                Milestone = reaction.Milestone?.Id, Journey = reaction.Stage?.JourneyId, Stage = reaction.Stage?.Id,
                Reason = "capacity", TriggerEventId = item.Cause,
                Because = $"the account already waits on {AccountState.MaxPending} windows and timers; this {PendingNames[(int)item.Kind]} was not opened",
            });
            state.Recycle(item);
            return false;
        }

        state.AddPending(item);
        TimersScheduled++;
        if (!ReportTimers)
        {
            return true;
        }

        Emit(new Outcome
        {
            Kind = OutcomeKind.Timer, Key = new EffectIds.Key(reaction.Version, reaction.Name, item.Cause, TimerPart(item.Kind, item.Action)),
            Time = At(t), Due = At(item.Due), AccountId = state.AccountId, Playbook = reaction.PlaybookId,
            // Named by the fields the outcomes of its owner use: a consumer reading "rule" must find a rule there,
            // not a milestone's window or a stage's id.
            Rule = reaction.Rule?.Id, Milestone = reaction.Milestone?.Id, Journey = reaction.Stage?.JourneyId, Stage = reaction.Stage?.Id,
            Reason = TimerReasons[(int)item.Kind], TriggerEventId = item.Cause,
        });
        return true;
    }

    // The id's part for a timer, made once per kind and action number: a replay schedules about one timer per event.
    private static readonly string[][] TimerParts =
        [.. Enum.GetValues<PendingKind>().Select(kind => Enumerable.Range(0, 16).Select(action => $"timer:{kind}:{action}").ToArray())];

    private static string TimerPart(PendingKind kind, int action) =>
        (uint)action < 16 ? TimerParts[(int)kind][action] : $"timer:{kind}:{action}";

    private static readonly string[] PendingNames =
        ["unless window", "milestone window", "threshold hold", "schedule", "stage stuck check", "held action", "at_most window"];

    private static readonly string[] TimerReasons =
        ["unless window closes", "milestone window closes", "threshold held long enough", "schedule falls due", "stage stuck check",
         "quiet hours end", "at_most window ends"];

    /// <remarks>
    /// The outcome's trigger event is the one that reached the milestone, for every status (reports pair a success or
    /// failure with its reaching by it); a success names the event that completed it in its explanation.
    /// </remarks>
    private void MilestoneOutcome(AccountState state, Reaction reaction, MilestoneStatus status, CloudEvent? trigger, string cause, long t,
        CloudEvent? success = null)
    {
        var milestone = reaction.Milestone!;
        Emit(new Outcome
        {
            Kind = OutcomeKind.Milestone, Key = new EffectIds.Key(reaction.Version, reaction.Name, cause, Describe(status)),
            Time = At(t), AccountId = state.AccountId, Playbook = milestone.PlaybookId, Milestone = milestone.Id, Status = Describe(status),
            TriggerEventId = trigger?.Id,
            BecauseParts = status switch
            {
                // Reached by an event, it names the event; by the clock (a schedule, at_most), what its reached_when says.
                MilestoneStatus.Reached => trigger is null ? (reaction.BecauseHead, null, reaction.MilestoneTexts[0]) : (trigger.Type, trigger.Id, reaction.MilestoneTexts[0]),
                MilestoneStatus.Succeeded when success is not null => (success.Type, success.Id, reaction.MilestoneTexts[3]),
                _ => (reaction.MilestoneTexts[(int)status], null, ""),
            },
        });
    }
}
