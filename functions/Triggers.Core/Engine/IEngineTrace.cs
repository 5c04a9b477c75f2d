namespace Triggers.Core.Engine;

/// <summary>
/// Receives the engine's decisions for "why did this fire, or not?". Optional: without a trace the engine does
/// not even format the messages, so the hot path pays nothing.
/// </summary>
public interface IEngineTrace
{
    /// <summary>Whether decisions about this account should be reported.</summary>
    bool Wants(string accountId);

    /// <summary>One decision: at <paramref name="time"/>, about <paramref name="subject"/> (<c>playbook/rule</c>,
    /// milestone or stage), what happened and why.</summary>
    void Decision(string accountId, DateTimeOffset time, string subject, string decision);
}
