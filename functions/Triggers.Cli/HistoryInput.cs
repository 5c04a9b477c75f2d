using Triggers.Core.Engine;

namespace Triggers.Cli;

/// <summary>Feeds a history (JSON Lines of CloudEvents) to a replay, as simulate, report and explain do.</summary>
internal static class HistoryInput
{
    /// <summary>
    /// Adds every line of <paramref name="input"/> to <paramref name="simulator"/>, naming rejected lines after
    /// <paramref name="name"/>. Envelopes are parsed on the thread that reads the file, while this thread adds the
    /// previous block's events: on two cores that takes the parse off the replay's path.
    /// <paramref name="tick"/> gets the number of events read so far, for progress.
    /// </summary>
    public static void Feed(Simulator simulator, Stream input, string name, Action<long> tick) =>
        JsonLines.Read(input, static line => EventParser.ReadAhead(line.Span), (line, number, read) =>
        {
            simulator.AddShared(line, read, name, number);
            tick(simulator.Stats.Events);
        });

    /// <summary>
    /// Says on <paramref name="error"/> why <paramref name="path"/> cannot be read as a history (missing, or a
    /// directory), or returns false when it can (<c>-</c> is standard input).
    /// </summary>
    public static bool Unreadable(string path, TextWriter error)
    {
        if (path is "-" or "/dev/stdin" or "/proc/self/fd/0" && StandardStreams.Closed(0))
        {
            error.WriteLine("triggers: standard input is closed, so there is no history to read on it; give --events FILE, or pipe one in");
            return true;
        }

        if (new FileInfo(path).LinkTarget is { } link && !File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, link)) &&
            !Directory.Exists(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, link)))
        {
            // File.Exists counts a link whose target is gone as a file; opening it would fail with .NET's own words.
            error.WriteLine($"triggers: events file '{path}' is a link to {link}, which does not exist");
            return true;
        }

        if (path == "-" || File.Exists(path))
        {
            return false;
        }

        error.WriteLine(Directory.Exists(path)
            ? $"triggers: '{path}' is a directory; --events takes a JSON Lines file (or a .gz of one, or - for standard input)"
            : $"triggers: events file '{path}' does not exist");
        return true;
    }

    /// <summary>Opens <paramref name="path"/> (see <see cref="HistoryFile"/>) and feeds all of it to <paramref name="simulator"/>, with progress on <paramref name="error"/>.</summary>
    public static void Feed(Simulator simulator, string path, TextWriter error, string what)
    {
        using var history = HistoryFile.Open(path);
        if (history.ContentLength is { } length && MemoryWarning(history.Name, (long)(length * simulator.KeptShare), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) is { } warning)
        {
            error.WriteLine(warning);
        }

        Progress.Run(error, history.File, what, tick => Feed(simulator, history.Content, history.Name, tick));
        if (history.Truncation() is { } truncated)
        {
            error.WriteLine(truncated);
        }
    }

    /// <summary>
    /// A warning when every line of the history was rejected: the file is something else (a JSON array, CSV, a log),
    /// and the replay's empty result says nothing about the playbooks. Null when at least one event was read.
    /// </summary>
    internal static string? AllRejected(SimulationStats stats, string path) =>
        stats.Events > 0 && stats.Rejected == stats.Events
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"warning: every line of {(path == "-" ? "standard input" : path)} was rejected ({stats.Rejected:N0} {(stats.Rejected == 1 ? "line" : "lines")}), so nothing was replayed: --events takes JSON Lines, one CloudEvent object per line")
            : null;

    /// <summary>
    /// What a replay keeps per byte of history: all of it until every account is replayed (accounts are replayed one
    /// by one, each with all its events), with its index and the outcome lines. Measured: 1,015 MB at the peak of
    /// simulate on a 255 MB history of 1M events.
    /// </summary>
    internal const int MemoryPerHistoryByte = 4;

    /// <summary>
    /// A warning, before minutes of reading, that the events a replay keeps (<paramref name="historyBytes"/> of the
    /// file: all of it, the share of one part, none for explain's one account) will not fit in the memory this process
    /// may use (most of <paramref name="available"/>); null when they fit.
    /// </summary>
    internal static string? MemoryWarning(string name, long historyBytes, long available)
    {
        var needed = historyBytes * MemoryPerHistoryByte;
        if (historyBytes == 0 || needed <= available / 10 * 8)
        {
            return null;
        }

        return $"warning: {name} holds {Size(historyBytes)} of events; a replay keeps them in memory (about {Size(needed)}), " +
            $"more than the {Size(available)} this process may use, so it will likely run out of memory. Accounts are replayed " +
            "independently: replay the history in parts (simulate --part 1/4, then 2/4, 3/4 and 4/4), each keeping only its accounts' events.";
    }

    private static string Size(long bytes) => bytes >= 1L << 30
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes >> 20:N0} MB");
}
