using System.Text;

namespace Triggers.Cli.Tests;

/// <summary>
/// Replays keep the lines <see cref="JsonLines"/> hands out without copying them, so a line must still read the same
/// after the rest of the file has been read, however the stream splits the bytes.
/// </summary>
public sealed class JsonLinesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1 << 20)]
    [InlineData(Mapped)]
    [InlineData(FileRead)]
    public void Read_LinesStayIntactAfterTheWholeFileIsRead_WhateverTheReadSizes(int readSize)
    {
        var longLine = "{\"data\":\"" + new string('x', 9 << 20) + "\"}"; // longer than two read blocks
        var lines = new List<string>();
        for (var i = 0; i < 300_000; i++)
        {
            lines.Add($"{{\"id\":\"e{i}\"}}");
        }

        lines.Insert(150_000, longLine);
        var text = string.Join("\n", lines.Take(1000)) + "\r\n\n   \n" + string.Join("\n", lines.Skip(1000)); // CRLF, blank lines, no final newline
        var seen = new List<(ReadOnlyMemory<byte> Line, long Number)>();

        using (var source = Source(Encoding.UTF8.GetBytes(text), readSize))
        {
            JsonLines.Read(source, (line, number) => seen.Add((line, number)), readSize == Mapped);
            Assert.Equal(source.Length, source.Position); // what progress reports: all of it read
        }

        GC.Collect(); // a mapped file stays mapped while its lines are held, its stream closed or not
        Assert.Equal(lines.Count, seen.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal(lines[i], Encoding.UTF8.GetString(seen[i].Line.Span));
        }

        Assert.Equal(1000, seen[999].Number);
        Assert.Equal(1003, seen[1000].Number); // line numbers count the blank lines skipped
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1 << 20)]
    [InlineData(Mapped)]
    [InlineData(FileRead)]
    public void Read_ByteOrderMarksStartingLines_AreHandedOutWithoutThem(int readSize)
    {
        // A second mark at the start, and one starting a later line, as joining two files with cat leaves it.
        var text = "\uFEFF\uFEFF{\"id\":\"e1\"}\r\n\uFEFF{\"id\":\"e2\"}\r\n";
        var seen = new List<string>();

        using (var source = Source(Encoding.UTF8.GetBytes(text), readSize))
        {
            JsonLines.Read(source, (line, _) => seen.Add(Encoding.UTF8.GetString(line.Span)), readSize == Mapped);
        }

        Assert.Equal(["{\"id\":\"e1\"}", "{\"id\":\"e2\"}"], seen);
    }

    [Theory]
    [InlineData(200L << 20, 24L << 30, true, false)] // the 1M-event history on this machine: read into huge-page blocks
    [InlineData(200L << 20, 24L << 30, false, true)] // no huge pages: the page cache's own pages, nothing to clear
    [InlineData(7L << 30, 24L << 30, true, true)] // over a quarter of the memory: mapped, so the kernel may drop and reread pages
    public void PreferMapping_OnlyWithoutHugePagesOrForAHistoryLargeAgainstMemory(long length, long available, bool hugePages, bool mapped) =>
        Assert.Equal(mapped, JsonLines.PreferMapping(length, available, hugePages));

    [Fact]
    public void Read_EmptyStream_HandsOutNothing()
    {
        var count = 0;
        JsonLines.Read(new MemoryStream(), (_, _) => count++);
        foreach (var map in (bool[])[true, false])
        {
            using var file = Source([], Mapped);
            JsonLines.Read(file, (_, _) => count++, map);
        }

        Assert.Equal(0, count);
    }

    /// <summary>A read size that stands for a regular file, which <see cref="JsonLines"/> is told to map instead of reading.</summary>
    private const int Mapped = 0;

    /// <summary>A regular file that <see cref="JsonLines"/> is told to read into blocks, as it does where huge pages are offered.</summary>
    private const int FileRead = -1;

    private static Stream Source(byte[] bytes, int readSize)
    {
        if (readSize is not (Mapped or FileRead))
        {
            return new TrickleStream(bytes, readSize);
        }

        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, bytes);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, FileOptions.DeleteOnClose);
    }

    [Fact]
    public void Read_TheHandlerFails_StopsAndReportsIt()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2_000_000).Select(i => $"{{\"id\":{i}}}\n")));
        var handled = 0;

        var error = Assert.Throws<FormatException>(() => JsonLines.Read(new MemoryStream(text), (_, number) =>
        {
            handled++;
            if (number == 3)
            {
                throw new FormatException("bad line 3");
            }
        }));

        Assert.Equal("bad line 3", error.Message);
        Assert.Equal(3, handled);
    }

    [Fact]
    public void Read_TheStreamFails_ReportsIt()
    {
        var error = Assert.Throws<IOException>(() => JsonLines.Read(new FailingStream(Encoding.UTF8.GetBytes("{\"a\":1}\n{\"a\":2}\n")), (_, _) => { }));
        Assert.Contains("disk went away", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WithAPreparation_PreparesMostLinesOnTheReadingThread_AndHandsEachOverWithItsLine()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 300_000).Select(i => $"{{\"n\":{i}}}\n")));
        var caller = Environment.CurrentManagedThreadId;
        var preparedOn = new Dictionary<int, int>();
        var seen = new List<(long Number, int Prepared, string Line)>();

        JsonLines.Read(new MemoryStream(text), line =>
        {
            lock (preparedOn)
            {
                preparedOn[Environment.CurrentManagedThreadId] = preparedOn.GetValueOrDefault(Environment.CurrentManagedThreadId) + 1;
            }

            return int.Parse(Encoding.UTF8.GetString(line.Span)[5..^1], System.Globalization.CultureInfo.InvariantCulture);
        }, (line, number, prepared) => seen.Add((number, prepared, Encoding.UTF8.GetString(line.Span))));

        Assert.Equal(100_000, preparedOn[caller]); // every third line: the reading thread has the rest
        Assert.Equal(200_000, preparedOn.Where(p => p.Key != caller).Sum(p => p.Value));
        Assert.Equal(300_000, seen.Count);
        Assert.All(seen, s => Assert.Equal((s.Number - 1, $"{{\"n\":{s.Number - 1}}}"), (s.Prepared, s.Line)));
    }

    [Fact]
    public void Read_ThePreparationFails_ReportsItsOwnError()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            JsonLines.Read<int>(new MemoryStream(Encoding.UTF8.GetBytes("{}\n{}\n")), _ => throw new InvalidOperationException("prepare broke"), (_, _, _) => { }));
        Assert.Equal("prepare broke", error.Message);
    }

    /// <summary>Returns its bytes, then fails as a vanished disk or network share does.</summary>
    private sealed class FailingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position < Length ? base.Read(buffer, offset, count) : throw new IOException("disk went away");
    }

    /// <summary>A stream that returns at most a few bytes per read, as pipes and stdin do.</summary>
    private sealed class TrickleStream(byte[] bytes, int most) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, most));
    }
}
