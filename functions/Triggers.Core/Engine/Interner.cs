using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// Shares one string per distinct short text that repeats across events (event types, trait names), so reading
/// them from JSON allocates nothing after the first time. Looked up by the token's UTF-8 bytes, so a hit neither
/// decodes nor hashes UTF-16. Safe for many threads without locks: slots are only ever filled, never emptied or
/// moved, and the table is twice the cap, so past the cap texts are simply not shared and a free slot always exists.
/// Probes read a compact array of hashes first and touch an entry only when its hash matches: a lookup that
/// misses (a unique value past the cap) then costs no trip to memory for each entry it steps over.
/// </summary>
internal sealed class Interner
{
    private const int MaxLength = 128;
    private readonly Entry?[] _slots;
    private readonly int[] _hashes; // each slot's hash (never 0) once its entry is set; 0 while empty
    private readonly int _capacity;
    private int _count; // approximate under races (a few over the cap at most); the table's slack absorbs that

    public Interner(int capacity)
    {
        _capacity = capacity;
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = new Entry?[size];
        _hashes = new int[size];
    }

    /// <summary>The reader's current string token (property name or value).</summary>
    public string Get(ref Utf8JsonReader reader) => Get(ref reader, out _);

    /// <summary>
    /// The reader's current string token, with the shared UTF-8 bytes it was found by (null when the text is not
    /// shared: escaped, too long, or past the cap). Callers may keep the bytes to recognise the same token later by
    /// comparing bytes alone; nobody may write to them.
    /// </summary>
    public string Get(ref Utf8JsonReader reader, out byte[]? utf8)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            utf8 = null;
            return reader.GetString()!;
        }

        return Shared(reader.ValueSpan, out utf8);
    }

    /// <summary>
    /// A string token of checked JSON (<see cref="CheckedJsonObject"/>), quotes included, as
    /// <see cref="Get(ref Utf8JsonReader, out byte[])"/> gives the reader's.
    /// </summary>
    public string Get(ReadOnlySpan<byte> token, bool escaped, out byte[]? utf8)
    {
        var contents = token[1..^1];
        if (escaped || contents.Length > MaxLength)
        {
            utf8 = null;
            return EventParser.Text(token)!;
        }

        return Shared(contents, out utf8);
    }

    /// <summary>The shared string for these unescaped bytes, added when the table has room.</summary>
    private string Shared(ReadOnlySpan<byte> bytes, out byte[]? utf8)
    {
        var hash = Hash(bytes);
        if (Find(bytes, hash, out var free) is not { } entry)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            if ((entry = Add(free, bytes, text, hash)) is null)
            {
                utf8 = null;
                return text;
            }
        }

        utf8 = entry.Utf8;
        return entry.Text;
    }

    /// <summary>The shared copy of <paramref name="text"/> (from a saved state or a parsed document), as <see cref="Get(ref Utf8JsonReader, out byte[])"/> gives it.</summary>
    public string Get(string text, out byte[]? utf8)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetMaxByteCount(text.Length)];
        if (System.Text.Unicode.Utf8.FromUtf16(text, bytes, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done ||
            written > MaxLength)
        {
            utf8 = null; // too long, or not valid UTF-16 (a lone surrogate has no UTF-8 of its own to be found by)
            return text;
        }

        bytes = bytes[..written];

        var hash = Hash(bytes);
        var entry = Find(bytes, hash, out var free) ?? Add(free, bytes, text, hash);
        utf8 = entry?.Utf8;
        return entry?.Text ?? text;
    }

    private static int Hash(ReadOnlySpan<byte> utf8) => Utf8Hash.Of(utf8) | 1;

    /// <summary>The entry for these bytes, or null and the free slot where they would go.</summary>
    private Entry? Find(ReadOnlySpan<byte> utf8, int hash, out int free)
    {
        var mask = _slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var seen = Volatile.Read(ref _hashes[i]);
            if (seen == 0)
            {
                // Empty, or being filled by another thread right now: the entry says which.
                if (Volatile.Read(ref _slots[i]) is not { } filling)
                {
                    free = i;
                    return null;
                }

                seen = filling.Hash;
            }

            if (seen == hash && Volatile.Read(ref _slots[i]) is { } entry && utf8.SequenceEqual(entry.Utf8))
            {
                free = -1;
                return entry;
            }
        }
    }

    /// <summary>
    /// Fills a free slot, unless the table is at its cap (null: the text stays unshared). The text is the runtime's
    /// interned copy, so it is the very object a literal or a compiled expression name holds, and lookups by
    /// reference find it.
    /// </summary>
    private Entry? Add(int slot, ReadOnlySpan<byte> utf8, string text, int hash)
    {
        if (Volatile.Read(ref _count) >= _capacity)
        {
            return null;
        }

        var entry = new Entry(utf8.ToArray(), string.Intern(text), hash);
        if (Interlocked.CompareExchange(ref _slots[slot], entry, null) is { } other)
        {
            // Another thread filled the slot first: its text if it is the same, else ours unshared.
            return other.Hash == hash && utf8.SequenceEqual(other.Utf8) ? other : null;
        }

        Volatile.Write(ref _hashes[slot], hash);
        Interlocked.Increment(ref _count);
        return entry;
    }

    private sealed record Entry(byte[] Utf8, string Text, int Hash);
}
