namespace Triggers.Cli.Tests;

public sealed class NativeLogTests
{
    [Fact]
    public void List_RecordsOverSeveralChunks_AndOneLargerThanAChunk_ComeBackInOrderWithTheirTags()
    {
        // The timeline sorts what List returns and reads each record back: a record lost or misplaced at a chunk's
        // end would drop or garble an outcome line of a large replay.
        using var log = new NativeLog();
        var records = new List<(long Tag, byte[] Bytes)>();
        var random = new Random(9);
        for (var i = 0; i < 70; i++)
        {
            // Mostly 0-1 MB, so chunks (16 MB) end at arbitrary places; one of 20 MB gets a chunk of its own.
            var bytes = new byte[i == 33 ? 20 << 20 : random.Next(1 << 20)];
            random.NextBytes(bytes);
            records.Add((random.NextInt64(), bytes));
        }

        var appended = records.Select(r => log.Append(r.Tag, r.Bytes)).ToList();
        var (tags, places) = (new long[log.Count], new long[log.Count]);
        log.List(tags, places);

        Assert.Equal(records.Count, log.Count);
        Assert.Equal(records.Select(r => r.Tag), tags);
        Assert.Equal(appended, places);
        Assert.True(places.Zip(places.Skip(1)).All(p => p.First < p.Second), "places grow with every append");
        for (var i = 0; i < records.Count; i++)
        {
            Assert.True(records[i].Bytes.AsSpan().SequenceEqual(log.Read(places[i])), $"record {i} reads back as written");
        }
    }
}
