using Triggers.Core.Engine;

namespace Triggers.Core.Tests;

public sealed class ChunkedListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300)] // the first chunk grown once
    [InlineData(262_144)] // exactly one full chunk
    [InlineData(800_001)] // four chunks, the last one started
    public void Holds_every_item_at_its_index_whatever_the_count(int count)
    {
        var values = new ChunkedList<(long Time, int Number)>();
        var references = new ChunkedList<string>();
        for (var i = 0; i < count; i++)
        {
            values.Add((i * 3L, i));
            references.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(count, values.Count);
        Assert.Equal(count, references.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal((i * 3L, i), values[i]);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), references[i]);
        }
    }

    [Fact]
    public void Starts_again_empty_after_clear()
    {
        var list = new ChunkedList<int>();
        for (var i = 0; i < 270_000; i++)
        {
            list.Add(i);
        }

        list.Clear();
        list.Add(42);

        Assert.Equal(1, list.Count);
        Assert.Equal(42, list[0]);
    }
}
