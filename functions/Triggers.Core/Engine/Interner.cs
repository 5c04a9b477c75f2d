using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// Shares one string per distinct short text that repeats across events (event types, trait names), so reading
/// them from JSON allocates nothing after the first time. Looked up by the token's UTF-8 bytes, so a hit neither
/// decodes nor hashes UTF-16. Safe for many threads without locks: slots are only ever filled, never emptied or
/// moved, and the table is twice the cap, so past the cap texts are simply not shared and a free slot always exists.
/// </summary>
internal sealed class Interner
{
    private const int MaxLength = 128;
    private readonly Entry?[] _slots;
    private readonly int _capacity;
    private int _count; // approximate under races (a few over the cap at most); the table's slack absorbs that

    public Interner(int capacity)
    {
        _capacity = capacity;
        _slots = new Entry?[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2))];
    }

    /// <summary>The reader's current string token (property name or value).</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        var utf8 = reader.ValueSpan;
        var hash = Utf8Hash.Of(utf8);
        var mask = _slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var entry = Volatile.Read(ref _slots[i]);
            if (entry is null)
            {
                var text = reader.GetString()!; // decoded (and checked) as the reader does
                if (Volatile.Read(ref _count) >= _capacity)
                {
                    return text;
                }

                entry = Interlocked.CompareExchange(ref _slots[i], new Entry(utf8.ToArray(), text, hash), null);
                if (entry is null)
                {
                    Interlocked.Increment(ref _count);
                    return text;
                }
            }

            // Filled, by us earlier or by another thread just now: the same text, or a collision to step over.
            if (entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
            {
                return entry.Text;
            }
        }
    }

    private sealed record Entry(byte[] Utf8, string Text, int Hash);
}
