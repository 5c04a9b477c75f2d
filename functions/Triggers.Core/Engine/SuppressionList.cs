namespace Triggers.Core.Engine;

/// <summary>
/// The recipients of one account who unsubscribed or bounced, as 64-bit keys of their normalised addresses (trimmed,
/// lower case: <c> Ann@Acme.test</c> is <c>ann@acme.test</c>), in the order they were added. A key is eight bytes
/// where an address was thirty or more, so an account keeps its <see cref="AccountState.MaxSuppressed"/> most recent
/// ones in the state's budget; the oldest is forgotten only when a newer one would not fit. The lowest bit of an entry
/// says which (1: bounced); keys are compared without it.
/// </summary>
internal sealed class SuppressionList
{
    private readonly List<ulong> _entries = [];

    public int Count => _entries.Count;

    /// <summary>The stored entries, oldest first (for serialisation).</summary>
    public IReadOnlyList<ulong> Entries => _entries;

    public void Add(string address, bool bounced)
    {
        var key = KeyOf(address);
        var at = IndexOf(key);
        if (at >= 0)
        {
            _entries.RemoveAt(at); // added again: now the most recent, with the latest reason
        }
        else if (_entries.Count >= AccountState.MaxSuppressed)
        {
            _entries.RemoveAt(0);
        }

        _entries.Add(key | (bounced ? 1UL : 0UL));
    }

    /// <summary><c>unsubscribed</c> or <c>bounced</c> when <paramref name="address"/> is on the list; null otherwise.</summary>
    public string? Reason(string address)
    {
        var at = IndexOf(KeyOf(address));
        return at < 0 ? null : (_entries[at] & 1) == 1 ? "bounced" : "unsubscribed";
    }

    public void Restore(ulong entry) => _entries.Add(entry);

    public void Clear() => _entries.Clear();

    private int IndexOf(ulong key)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if ((_entries[i] & ~1UL) == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The event-id hash (<see cref="SeenIds.Hash(ReadOnlySpan{char})"/>) of the normalised address, low bit cleared.</summary>
    internal static ulong KeyOf(string address)
    {
        var trimmed = address.AsSpan().Trim();
        var lower = trimmed.Length <= 256 ? stackalloc char[trimmed.Length] : new char[trimmed.Length];
        trimmed.ToLowerInvariant(lower);
        return SeenIds.Hash(lower) & ~1UL;
    }
}
