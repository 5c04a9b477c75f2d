namespace Triggers.Core.Engine;

/// <summary>How a replay runs: how late an event may arrive and still count, and when the virtual clock stops.</summary>
public sealed record SimulationOptions
{
    /// <summary>Events up to this much older than the newest one seen are reordered into place; older ones are late.</summary>
    public TimeSpan AllowedLateness { get; init; }

    /// <summary>The virtual clock runs until here (default: the last event's time). Later events are not processed.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Also report each timer as it is scheduled (off by default: timers are plumbing, not outcomes).</summary>
    public bool IncludeTimers { get; init; }

    /// <summary>
    /// Keep every account's final state in <see cref="Simulator.Accounts"/> (tests, state measurements). Off by
    /// default: a replay lets each account's state go once the account is done, so memory stays flat.
    /// </summary>
    public bool KeepStates { get; init; }

    /// <summary>
    /// Replay only this account (explain): every event is still read, so late, rejected and duplicate events are
    /// decided exactly as in a full replay, but no other account is replayed. Accounts never influence each other, so
    /// this account's outcomes are the same as in a full replay.
    /// </summary>
    public string? OnlyAccount { get; init; }
}
