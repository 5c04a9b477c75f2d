namespace Triggers.Core.Engine;

/// <summary>
/// Numbers distinct UTF-8 keys 0, 1, 2, ... in the order first seen: the replay's account lookup, done on the bytes of
/// each event's account id so the common case (an account seen before) neither decodes nor allocates. Keys live
/// in one growing byte array; slots are open-addressed. Single-threaded.
/// </summary>
internal sealed class Utf8Index
{
    private byte[] _keys = new byte[1 << 16];
    private int _used;
    private Key[] _entries = new Key[1024];
    private int[] _slots = new int[2048]; // entry number + 1; 0 is free

    public int Count { get; private set; }

    /// <summary>The key's number, adding it (as the next number) when it is new.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added)
    {
        var hash = Utf8Hash.Of(key);
        var mask = _slots.Length - 1;
        var i = hash & mask;
        for (; _slots[i] != 0; i = (i + 1) & mask)
        {
            ref readonly var entry = ref _entries[_slots[i] - 1];
            if (entry.Hash == hash && key.SequenceEqual(_keys.AsSpan(entry.Start, entry.Length)))
            {
                added = false;
                return _slots[i] - 1;
            }
        }

        added = true;
        if (_used + key.Length > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _used + key.Length));
        }

        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        key.CopyTo(_keys.AsSpan(_used));
        _entries[Count] = new Key(_used, key.Length, hash);
        _used += key.Length;
        _slots[i] = ++Count;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return Count - 1;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var n = 0; n < Count; n++)
        {
            var i = _entries[n].Hash & mask;
            while (_slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = n + 1;
        }
    }

    private readonly record struct Key(int Start, int Length, int Hash);
}
