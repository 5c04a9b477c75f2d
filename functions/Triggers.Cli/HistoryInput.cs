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

    /// <summary>Opens <paramref name="path"/> (see <see cref="HistoryFile"/>) and feeds all of it to <paramref name="simulator"/>, with progress on <paramref name="error"/>.</summary>
    public static void Feed(Simulator simulator, string path, TextWriter error, string what)
    {
        using var history = HistoryFile.Open(path);
        Progress.Run(error, history.File, what, tick => Feed(simulator, history.Content, history.Name, tick));
    }
}
