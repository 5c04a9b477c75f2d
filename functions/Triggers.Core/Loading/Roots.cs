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
    /// What a rule's condition and actions may read. A rule fired by the clock rather than an event (a schedule, or a
    /// count that stays at or below at_most) has no triggering event, so its trigger, event and user are always null:
    /// reading them is allowed but warned about (<c>account.id</c> is the account's id).
    /// </summary>
    public static ExpressionRoots OfRule(Model.Trigger? when) =>
        FiredByTheClock(when) ? Everything | ExpressionRoots.EventIsNull | ExpressionRoots.TriggerIsNull | ExpressionRoots.UserIsNull : Everything;

    /// <summary>What a rule's <c>unless</c> may read: the candidate event and its user always, the trigger only when an event fired the rule.</summary>
    public static ExpressionRoots OfUnless(Model.Trigger? when) =>
        FiredByTheClock(when) ? Everything | ExpressionRoots.TriggerIsNull : Everything;

    /// <summary>
    /// What a rule's quiet-hours time zone may read: the account and the user, the user always null when the clock
    /// fires the rule (warned about: such a rule's quiet hours would always be kept in UTC).
    /// </summary>
    public static ExpressionRoots OfQuietHoursZone(Model.Trigger? when) =>
        FiredByTheClock(when) ? Segment | ExpressionRoots.UserIsNull : Segment;

    private static bool FiredByTheClock(Model.Trigger? when) => when is Model.ScheduleTrigger or Model.CountTrigger { AtMost: not null };
}
