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
    /// decided exactly as in a full replay, but no other account is replayed. Accounts influence each other only through
    /// unsubscribed or bounced recipients, which are read from every event, so this account's outcomes are the same as in
    /// a full replay (but for the one case <see cref="Part"/> names: other accounts' events are not kept here either).
    /// </summary>
    public string? OnlyAccount { get; init; }

    /// <summary>
    /// Replay only the accounts of one part of the history, split by a hash of the account id (a history too large
    /// to hold whole replays as N runs, each keeping only its accounts' events). Every event is still read, so late
    /// and duplicate events are decided as in a full replay; malformed lines, which name no account, are reported by
    /// part 1 only. Accounts influence each other only through unsubscribed or bounced
    /// recipients, which every part reads from every event, so the parts' outcomes together are a full replay's. (A part
    /// knows another part's account only by its unsubscribes and bounces, so of those with one id it takes the first by
    /// time: the account's own replay can decide otherwise only when it had forgotten the id (64 ids later) or saw it
    /// first on another of its events or emits.)
    /// </summary>
    public HistoryPart? Part { get; init; }

    /// <summary>
    /// Unsubscribes and bounces from before this replay, carried over like account states (<see cref="Simulator.Resume"/>)
    /// when a history is replayed in pieces; the replay adds its own to it. A new, empty one by default.
    /// </summary>
    public RecipientTimeline? Recipients { get; init; }
}

/// <summary>Part <see cref="Index"/> (from 1) of <see cref="Count"/>: the accounts whose id hashes there.</summary>
public readonly record struct HistoryPart
{
    public HistoryPart(int index, int count)
    {
        if (count < 1 || index < 1 || index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"part {index} of {count}: the part must be between 1 and the number of parts");
        }

        (Index, Count) = (index, count);
    }

    public int Index { get; }

    public int Count { get; }

    /// <summary>
    /// Whether the account belongs to this part: FNV-1a of its id's UTF-8, modulo the number of parts. Fixed, so a
    /// part holds the same accounts on every machine and every run.
    /// </summary>
    public bool Holds(string accountId)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(accountId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash % (uint)Count == (uint)(Index - 1);
    }

    public override string ToString() => $"{Index}/{Count}";
}
