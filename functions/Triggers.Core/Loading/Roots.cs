using Triggers.Core.Expressions;

namespace Triggers.Core.Loading;

/// <summary>Which roots each place in a playbook may read: an event filter cannot see a trigger that does not exist yet.</summary>
internal static class Roots
{
    public const ExpressionRoots EventFilter = ExpressionRoots.Event | ExpressionRoots.Account | ExpressionRoots.User;
    public const ExpressionRoots Segment = ExpressionRoots.Account | ExpressionRoots.User;
    public const ExpressionRoots Traits = ExpressionRoots.Account;
    public const ExpressionRoots Everything = ExpressionRoots.All;

    /// <summary>
    /// What a rule's condition and actions may read. A rule fired by a timer rather than an event (a schedule, or a
    /// count that stays at or below at_most) has no triggering event and so no trigger, event or user: only the
    /// account (whose <c>id</c> is the account's id).
    /// </summary>
    public static ExpressionRoots OfRule(Model.Trigger? when) => when switch
    {
        Model.ScheduleTrigger or Model.CountTrigger { AtMost: not null } => Traits,
        _ => Everything,
    };
}
