namespace Triggers.Cli;

/// <summary>
/// What the first bytes of a history say it is. A gzip file saved without its .gz (a browser or a copy that renames),
/// a zip export, a UTF-16 file (PowerShell's <c>&gt;</c> writes one) or any other binary file given by mistake would
/// otherwise be read line by line, every line rejected, and the run would end with exit 0 as if the history had
/// simply held no events: a script would go on with an empty back-test.
/// </summary>
internal static class HistoryContent
{
    /// <summary>How many bytes are looked at: enough to find a zero byte in a binary file, little enough to keep.</summary>
    public const int SniffLength = 4096;

    /// <summary>What damaged gzip data means, in place of the decompressor's own "unsupported compression method".</summary>
    public const string DamagedGzip = "the gzip data is damaged (a flipped byte or a bad checksum, as a faulty copy leaves it; " +
                                      "gzip -t tells the same), so the history cannot be read past that point";

    public static bool IsGzip(ReadOnlySpan<byte> start) => start is [0x1f, 0x8b, ..];

    /// <summary>
    /// Why <paramref name="start"/> (the first bytes of <paramref name="name"/>) cannot be JSON Lines, or null when it may
    /// be. The command that converts a <paramref name="stream"/> (standard input, a pipe) is one to pipe it through: it
    /// has no name to give a converted copy beside it.
    /// </summary>
    public static string? NotJsonLines(string name, ReadOnlySpan<byte> start, bool stream = false)
    {
        var archive = start switch
        {
            [0x50, 0x4b, 0x03, 0x04, ..] => "a zip archive",
            [0x42, 0x5a, 0x68, ..] => "a bzip2 file",
            [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, ..] => "an xz file",
            [0x28, 0xb5, 0x2f, 0xfd, ..] => "a zstd file",
            [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, ..] => "a 7-Zip archive",
            _ => null,
        };
        if (archive is not null)
        {
            return $"{name} is {archive}, not JSON Lines: unpack it first and give the .jsonl file (a gzip file is read as it is)";
        }

        // With a byte order mark, or without one: '{' next to a zero byte is how UTF-16 writes a line's start.
        if (start is [0xff, 0xfe, ..] or [0xfe, 0xff, ..] or [0x7b, 0x00, ..] or [0x00, 0x7b, ..])
        {
            return $"{name} is UTF-16 text; a history is read as UTF-8: convert it first, e.g. {(stream ? "pipe it through iconv -f UTF-16 -t UTF-8" : $"iconv -f UTF-16 -t UTF-8 {name} > {Converted(name)}")}";
        }

        // A JSON array of events (an API's export) is one value over the whole file: each of its lines would be rejected.
        var text = start.StartsWith("\uFEFF"u8) ? start[3..] : start;
        if (text.TrimStart(" \t\r\n"u8) is [(byte)'[', ..])
        {
            return $"{name} is a JSON array, not JSON Lines: write one event per line, e.g. {(stream ? "pipe it through jq -c '.[]'" : $"jq -c '.[]' {name} > {Converted(name)}")}";
        }

        // Lines ended by a lone carriage return (classic Mac): read as one line, every event in it would be lost to one rejection.
        var firstCr = text.IndexOf((byte)'\r');
        if (firstCr >= 0 && text.IndexOf((byte)'\n') < 0 && firstCr + 1 < text.Length)
        {
            return $"{name} ends its lines with a lone carriage return (CR), not a line feed: convert it first, e.g. {(stream ? "pipe it through tr '\\r' '\\n'" : $"tr '\\r' '\\n' < {name} > {Converted(name)}")}";
        }

        // One event spread over many lines (jq's default output): every one of its lines would be rejected.
        if (text.TrimStart(" \t\r\n"u8) is [(byte)'{', .. var rest] && rest.TrimStart(" \t\r"u8) is [(byte)'\n', ..])
        {
            return $"{name} is pretty-printed JSON (each event over many lines), not JSON Lines: write one event per line, e.g. {(stream ? "pipe it through jq -c ." : $"jq -c . {name} > {Converted(name)}")}";
        }

        // JSON never holds a raw zero byte (a string writes it as \u0000), so one near the start means a binary file;
        // unless whole lines of JSON come before it: zeros after them are what a crash leaves at the end of a log being
        // written, and those lines are rejected one by one while the ones before them are replayed.
        var zero = start.IndexOf((byte)0);
        var linesFirst = zero > 0 && text.TrimStart(" \t\r\n"u8) is [(byte)'{', ..] && start[..zero].Contains((byte)'\n');
        return zero < 0 || linesFirst ? null
            : $"{name} is not JSON Lines: it holds binary data (a zero byte at byte {zero + 1:N0}); --events takes a text file of CloudEvents, one JSON object per line";
    }

    /// <summary>A name for the converted file beside <paramref name="name"/> that is not <paramref name="name"/> itself (a shell truncates the input of "x &gt; x").</summary>
    internal static string Converted(string name)
    {
        var stem = Path.ChangeExtension(name, null);
        return name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? stem + ".converted.jsonl" : stem + ".jsonl";
    }
}
