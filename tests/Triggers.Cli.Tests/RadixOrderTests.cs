namespace Triggers.Cli.Tests;

public sealed class RadixOrderTests
{
    [Theory]
    [InlineData(0, 1L)]
    [InlineData(1, 1L)]
    [InlineData(5_000, 3L)] // a handful of distinct times: long runs of equal keys
    [InlineData(50_000, 180L * TimeSpan.TicksPerDay)] // six months of ticks, as a replay's timeline has
    [InlineData(20_000, long.MaxValue)] // the whole range, negative keys included
    public void Sort_OrdersByKey_AndKeepsTheInputOrderOfEqualKeys(int count, long spread)
    {
        var random = new Random(count);
        var keys = new long[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = spread == long.MaxValue ? random.NextInt64(long.MinValue, long.MaxValue) : 639_000_000_000_000_000L + random.NextInt64(spread);
        }

        var values = Enumerable.Range(0, count).Select(i => (long)i).ToArray(); // each value is its input position
        var expected = keys.Select((k, i) => (k, (long)i)).OrderBy(p => p.k).ToArray(); // LINQ's sort is stable

        var (sortedKeys, sortedValues) = RadixOrder.Sort(keys, values, count, new long[count], new long[count]);

        Assert.Equal(expected.Select(p => p.k), sortedKeys.Take(count));
        Assert.Equal(expected.Select(p => p.Item2), sortedValues.Take(count));
    }

    [Fact]
    public void Sort_LeavesWhatLiesBeyondTheCountAlone()
    {
        long[] keys = [5, 3, 4, -1, -1];
        long[] values = [0, 1, 2, 99, 99];

        var (sortedKeys, sortedValues) = RadixOrder.Sort(keys, values, 3, new long[5], new long[5]);

        Assert.Equal([3, 4, 5], sortedKeys[..3]);
        Assert.Equal([1, 2, 0], sortedValues[..3]);
    }
}
