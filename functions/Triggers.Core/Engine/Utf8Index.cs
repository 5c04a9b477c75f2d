namespace Triggers.Core.Engine;

/// <summary>
/// Numbers distinct UTF-8 keys 0, 1, 2, ... in the order first seen: the replay's account lookup, done on the bytes of
/// each event's account id so the common case (an account seen before) neither decodes nor allocates. Keys live
/// in one growing byte array; slots are open-addressed and hold each key's hash and place, so a lookup reads one
/// slot and then the key's bytes: two trips to memory for a table of a hundred thousand accounts, not three.
/// Single-threaded.
/// </summary>
internal sealed class Utf8Index
{
    private byte[] _keys = new byte[1 << 16];
    private int _used;
    private Slot[] _slots = new Slot[2048]; // Number is the key's number + 1; 0 is free

    public int Count { get; private set; }

    /// <summary>The key's number, or -1 when it has none.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        var hash = Utf8Hash.Of(key);
        var mask = _slots.Length - 1;
        for (var i = hash & mask; _slots[i].Number != 0; i = (i + 1) & mask)
        {
            ref readonly var slot = ref _slots[i];
            if (slot.Hash == hash && key.SequenceEqual(_keys.AsSpan(slot.Start, slot.Length)))
            {
                return slot.Number - 1;
            }
        }

        return -1;
    }

    /// <summary>The key's number, adding it (as the next number) when it is new.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added)
    {
        var hash = Utf8Hash.Of(key);
        var mask = _slots.Length - 1;
        var i = hash & mask;
        for (; _slots[i].Number != 0; i = (i + 1) & mask)
        {
            ref readonly var slot = ref _slots[i];
            if (slot.Hash == hash && key.SequenceEqual(_keys.AsSpan(slot.Start, slot.Length)))
            {
                added = false;
                return slot.Number - 1;
            }
        }

        added = true;
        if (_used + key.Length > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _used + key.Length));
        }

        key.CopyTo(_keys.AsSpan(_used));
        _slots[i] = new Slot(++Count, hash, _used, key.Length);
        _used += key.Length;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return Count - 1;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Number == 0)
            {
                continue;
            }

            var i = slot.Hash & mask;
            while (_slots[i].Number != 0)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = slot;
        }
    }

    private readonly record struct Slot(int Number, int Hash, int Start, int Length);
}
