namespace Triggers.Cli.Tests;

public sealed class NativeLogTests
{
    [Fact]
    public void Records_OverSeveralChunks_AndOneLargerThanAChunk_ReadBackAtTheirPlaces()
    {
        // The timeline keeps each record's place and reads it back in time order: a record lost or misplaced at a
        // chunk's end would drop or garble an outcome line of a large replay.
        using var log = new NativeLog();
        var records = new List<byte[]>();
        var random = new Random(9);
        for (var i = 0; i < 70; i++)
        {
            // Mostly 0-1 MB, so chunks (16 MB) end at arbitrary places; one of 20 MB gets a chunk of its own.
            var bytes = new byte[i == 33 ? 20 << 20 : random.Next(1 << 20)];
            random.NextBytes(bytes);
            records.Add(bytes);
        }

        var places = records.Select(r => log.Append(r)).ToList();

        Assert.Equal(records.Count, log.Count);
        Assert.True(places.Zip(places.Skip(1)).All(p => p.First < p.Second), "places grow with every append");
        for (var i = 0; i < records.Count; i++)
        {
            Assert.True(records[i].AsSpan().SequenceEqual(log.Read(places[i])), $"record {i} reads back as written");
        }
    }
}
