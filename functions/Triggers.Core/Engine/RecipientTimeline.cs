namespace Triggers.Core.Engine;

/// <summary>
/// Recipients who unsubscribed or bounced in any account, with when: an address belongs to a person, not to one
/// customer (a consultant, a reseller or an agency admin sits in several accounts), and the contract says such a
/// recipient gets no further email. A replay fills it, before any account is replayed, with every
/// <c>email.unsubscribed</c> and <c>email.bounced</c> event its account's replay will process (not a duplicate, late,
/// malformed or after the end: see <c>Simulator.ShareRecipients</c>), so each account sees the others' by event time,
/// whatever order the replay visits accounts in. Addresses are kept as the same 64-bit keys an account's own list
/// uses (trimmed, lower case).
/// </summary>
public sealed class RecipientTimeline
{
    private readonly Dictionary<ulong, List<(long Ticks, bool Bounced)>> _byAddress = [];

    /// <summary>True until an unsubscribe or bounce is recorded (a replay then skips the lookups).</summary>
    public bool IsEmpty => _byAddress.Count == 0;

    /// <summary>Records that <paramref name="address"/> unsubscribed or bounced at <paramref name="utcTicks"/>.</summary>
    public void Add(string address, long utcTicks, bool bounced)
    {
        var key = SuppressionList.KeyOf(address);
        if (!_byAddress.TryGetValue(key, out var times))
        {
            _byAddress[key] = times = [];
        }

        times.Add((utcTicks, bounced));
    }

    /// <summary>
    /// <c>bounced</c> or <c>unsubscribed</c> (the latest such event at or before <paramref name="utcTicks"/>) when the
    /// address was suppressed by then; null otherwise.
    /// </summary>
    public string? Reason(string address, long utcTicks)
    {
        if (!_byAddress.TryGetValue(SuppressionList.KeyOf(address), out var times))
        {
            return null;
        }

        (long Ticks, bool Bounced)? latest = null;
        foreach (var entry in times)
        {
            if (entry.Ticks <= utcTicks && (latest is null || entry.Ticks >= latest.Value.Ticks))
            {
                latest = entry;
            }
        }

        return latest is null ? null : latest.Value.Bounced ? "bounced" : "unsubscribed";
    }
}
