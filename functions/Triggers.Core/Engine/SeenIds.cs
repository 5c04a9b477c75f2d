namespace Triggers.Core.Engine;

/// <summary>
/// A bounded memory of recently seen event ids (as 64-bit hashes) so redelivered events are ignored without the
/// state growing with history. Duplicates arrive close to the original in practice; the capacity covers that.
/// </summary>
internal sealed class SeenIds
{
    public const int Capacity = 64;
    // Grows to Capacity on demand: most accounts see few events, and the ring is kept per account.
    private ulong[] _ring = new ulong[4];
    private int _count;
    private int _next;

    public int Count => _count;

    /// <summary>Forgets every id, keeping the ring.</summary>
    public void Clear() => (_count, _next) = (0, 0);

    /// <summary>Whether the id's hash is among those remembered.</summary>
    public bool Contains(ulong hash) => Array.IndexOf(_ring, hash, 0, _count) >= 0;

    /// <summary>Records the id's hash; returns false when it was already seen.</summary>
    public bool Add(ulong hash)
    {
        if (Contains(hash))
        {
            return false;
        }

        Put(hash);
        return true;
    }

    public void Put(ulong hash)
    {
        if (_count == _ring.Length && _ring.Length < Capacity)
        {
            Array.Resize(ref _ring, Math.Min(_ring.Length * 2, Capacity));
            _next = _count;
        }

        _ring[_next] = hash;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }

    /// <summary>Hashes oldest first, for serialisation.</summary>
    public IEnumerable<ulong> Items()
    {
        var start = _count < _ring.Length ? 0 : _next;
        for (var i = 0; i < _count; i++)
        {
            yield return _ring[(start + i) % _ring.Length];
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    public static ulong Hash(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The same hash over ASCII bytes (each byte is the UTF-16 code unit of its character).</summary>
    public static ulong Hash(ReadOnlySpan<byte> ascii)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in ascii)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
