using System.Runtime.InteropServices;

namespace Triggers.Core.Engine;

/// <summary>
/// The hash of a short UTF-8 key (an event type, a trait name, an account id) for the lookup tables here: keys of
/// up to thirty-two bytes are read as two or four overlapping words and mixed once, which is several times cheaper than
/// feeding them byte by byte. Seeded per process by <see cref="HashCode"/>, so inputs cannot be crafted to collide.
/// </summary>
internal static class Utf8Hash
{
    public static int Of(ReadOnlySpan<byte> key)
    {
        int hash;
        if (key.Length >= 8 && key.Length <= 16)
        {
            hash = HashCode.Combine(MemoryMarshal.Read<ulong>(key), MemoryMarshal.Read<ulong>(key[^8..]), key.Length);
        }
        else if (key.Length < 8)
        {
            ulong word = 0;
            foreach (var b in key)
            {
                word = (word << 8) | b;
            }

            hash = HashCode.Combine(word, key.Length);
        }
        else if (key.Length <= 32)
        {
            // Event types such as subscription.started: four overlapping words.
            hash = HashCode.Combine(MemoryMarshal.Read<ulong>(key), MemoryMarshal.Read<ulong>(key[8..]), MemoryMarshal.Read<ulong>(key[^16..]),
                MemoryMarshal.Read<ulong>(key[^8..]), key.Length);
        }
        else
        {
            var all = new HashCode();
            all.AddBytes(key);
            hash = all.ToHashCode();
        }

        return hash & int.MaxValue;
    }
}
