namespace Triggers.Cli;

/// <summary>
/// A stable sort of 64-bit keys with a value carried alongside, by their digits from the lowest (least significant
/// digit radix sort): a few passes of counting and moving, each a straight read and a scatter into 4,096 runs, where
/// a comparison sort of the timeline's 1.6 million lines spent 0.13 s and then had to put runs of equal times back in
/// report order. Keys are taken relative to the smallest, so six months of ticks need four passes of 12 bits, not six.
/// </summary>
internal static class RadixOrder
{
    private const int DigitBits = 12;
    private const int Buckets = 1 << DigitBits;

    /// <summary>
    /// Sorts the first <paramref name="n"/> of <paramref name="keys"/> ascending, moving each of <paramref name="values"/>
    /// with its key; equal keys keep their order. <paramref name="spareKeys"/> and <paramref name="spareValues"/> (at least
    /// <paramref name="n"/> long, contents anything) are worked in; the sorted result ends up in the first
    /// <paramref name="n"/> of the returned pair, which is either the inputs or the spares.
    /// </summary>
    public static (long[] Keys, long[] Values) Sort(long[] keys, long[] values, int n, long[] spareKeys, long[] spareValues)
    {
        if (n < 2)
        {
            return (keys, values);
        }

        var (min, max) = (long.MaxValue, long.MinValue);
        foreach (var key in keys.AsSpan(0, n))
        {
            min = Math.Min(min, key);
            max = Math.Max(max, key);
        }

        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(max - min));
        var passes = (bits + DigitBits - 1) / DigitBits;
        // Every pass's counts in one read of the keys.
        var counts = new int[passes * Buckets];
        foreach (var key in keys.AsSpan(0, n))
        {
            var v = (ulong)(key - min);
            for (var p = 0; p < passes; p++)
            {
                counts[(p * Buckets) + (int)((v >> (p * DigitBits)) & (Buckets - 1))]++;
            }
        }

        var (fromKeys, fromValues, toKeys, toValues) = (keys, values, spareKeys, spareValues);
        var next = new int[Buckets];
        for (var p = 0; p < passes; p++)
        {
            var count = counts.AsSpan(p * Buckets, Buckets);
            if (count.Contains(n))
            {
                continue; // every key has the same digit here: this pass would move nothing
            }

            for (int b = 0, at = 0; b < Buckets; b++)
            {
                next[b] = at;
                at += count[b];
            }

            var shift = p * DigitBits;
            for (var i = 0; i < n; i++)
            {
                var key = fromKeys[i];
                var to = next[(int)(((ulong)(key - min) >> shift) & (Buckets - 1))]++;
                toKeys[to] = key;
                toValues[to] = fromValues[i];
            }

            (fromKeys, fromValues, toKeys, toValues) = (toKeys, toValues, fromKeys, fromValues);
        }

        return (fromKeys, fromValues);
    }
}
