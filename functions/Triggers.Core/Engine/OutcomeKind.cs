namespace Triggers.Core.Engine;

/// <summary>What an outcome reports. Actions are dispatched; everything else is for people and reports.</summary>
public enum OutcomeKind
{
    /// <summary>An action fired: email, task, webhook or emit.</summary>
    Action,

    /// <summary>A milestone was reached, succeeded or failed.</summary>
    Milestone,

    /// <summary>The account entered a journey stage.</summary>
    Stage,

    /// <summary>An action was dropped (limit, unsubscribed or bounced recipient, state capacity) and why.</summary>
    Suppressed,

    /// <summary>An event arrived later than the allowed lateness; it was not evaluated.</summary>
    Late,

    /// <summary>A malformed event was rejected; the reason says why.</summary>
    Rejected,

    /// <summary>A timer was scheduled (a window, a hold, a delay); the cloud queues it, simulations may show it.</summary>
    Timer,
}
