using System.CommandLine;
using System.Globalization;
using Triggers.Core.Diagnostics;
using Triggers.Core.Model;

namespace Triggers.Cli;

/// <summary>Options several commands share, parsed with errors that say what was expected.</summary>
internal static partial class CliOptions
{
    /// <summary>
    /// No default value factory: help would print the directory it picks where help runs ("[default: .]"), which is
    /// not where the command will run. Read it with <see cref="PlaybooksOrDefault"/>.
    /// </summary>
    public static Option<string> Playbooks() => new("--playbooks")
    {
        HelpName = "DIR",
        Description = $"The playbook directory (default: {PlaybookFiles.DefaultDescription})",
        CustomParser = result =>
        {
            // As --events: --playbooks "$DIR" with the variable unset is a usage mistake, not a directory named ''.
            var text = result.Tokens.Single().Value;
            if (text.Length == 0)
            {
                result.AddError("--playbooks is given an empty value (an unset variable in a script?)");
            }

            return text;
        },
    };

    public static string PlaybooksOrDefault(this ParseResult result, Option<string> playbooks) => result.GetValue(playbooks) ?? PlaybookFiles.DefaultDirectory;

    public static Option<FileInfo> Events() => new("--events")
    {
        HelpName = "FILE",
        Description = "A JSON Lines file of CloudEvents, one per line ('-' reads standard input; a name ending in .gz is read through gzip)",
        Required = true,
    };

    public static Option<DateTimeOffset?> Until() => new("--until")
    {
        HelpName = "TIME",
        Description = "Run the virtual clock until this time, so timers due after the last event fire: ISO 8601, e.g. 2026-06-30T12:00:00Z, " +
                      "or 2026-06-30 for its midnight; UTC unless an offset is given (default: the last event's time)",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (TryParseIsoTime(text, out var time))
            {
                return time;
            }

            result.AddError($"--until: '{text}' is not a timestamp; write ISO 8601 such as 2026-06-30T00:00:00Z or 2026-06-30");
            return null;
        },
    };

    /// <summary>An ISO 8601 time: a date (its midnight), or a date and time with an optional offset; UTC when it has none (see <see cref="Core.Loading.NodeRules.TryParseTimestamp"/>).</summary>
    public static bool TryParseIsoTime(string text, out DateTimeOffset time) => Core.Loading.NodeRules.TryParseTimestamp(text, out time);

    /// <summary>Absent means zero; no default factory, so help says "(default 0)" rather than a TimeSpan's "00:00:00".</summary>
    public static Option<TimeSpan?> AllowedLateness() => new("--allowed-lateness")
    {
        HelpName = "DURATION",
        Description = "How late (behind the newest event of its account) an event may arrive and still be processed in time order, e.g. 10m or 1h (default 0)",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DurationParser.TryParse(text, out var duration) && duration >= TimeSpan.Zero)
            {
                return duration;
            }

            result.AddError(duration < TimeSpan.Zero
                ? $"--allowed-lateness: '{text}' is negative; lateness is how far behind the newest event of its account one may arrive: 0 or more, e.g. 10m"
                : OneUnit(text) is { } single
                    ? $"--allowed-lateness: '{text}' is not a duration; a duration has one unit: write {single}"
                    : $"--allowed-lateness: '{text}' is not a duration; write e.g. 30s, 10m, 1h or 1d (up to 100000 of a unit)");
            return TimeSpan.Zero;
        },
    };

    /// <summary>table or json, in any case (<c>JSON</c> from a script's variable means json, not a usage error).</summary>
    public static Option<string> Format() => new("--format")
    {
        Description = "table (for people) or json (one object per line)",
        HelpName = "table|json",
        DefaultValueFactory = _ => "table",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            var format = text.ToLowerInvariant();
            if (format is "table" or "json")
            {
                return format;
            }

            var closest = Suggest.Closest(format, ["table", "json"]);
            result.AddError($"--format: '{text}' is not a format; write table or json{(closest is null ? "" : $" (did you mean {closest}?)")}");
            return "table";
        },
    };

    /// <summary>
    /// A duration written in several units (1h30m, 1d12h) in the largest one unit that holds it whole (90m, 36h), as
    /// playbooks write durations; null when <paramref name="text"/> is not such a sum.
    /// </summary>
    internal static string? OneUnit(string text)
    {
        var parts = Compound().Match(text);
        if (!parts.Success)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (System.Text.RegularExpressions.Capture part in parts.Groups["part"].Captures)
        {
            if (!DurationParser.TryParse(part.Value, out var piece))
            {
                return null;
            }

            total += piece;
        }

        var seconds = (long)total.TotalSeconds;
        var (amount, unit) = new (long Size, char Unit)[] { (604800, 'w'), (86400, 'd'), (3600, 'h'), (60, 'm'), (1, 's') }
            .Where(u => seconds % u.Size == 0).Select(u => (seconds / u.Size, u.Unit)).First();
        return amount is > 0 and <= DurationParser.MaxAmount ? string.Create(CultureInfo.InvariantCulture, $"{amount}{unit}") : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?<part>\d+[smhdw])){2,}$")]
    private static partial System.Text.RegularExpressions.Regex Compound();

    public static Option<Core.Engine.HistoryPart?> Part() => new("--part")
    {
        HelpName = "K/N",
        Description = "Replay only part K of N of the accounts (K/N, e.g. 1/4), for a history too large to replay at once: run every part; each keeps only its accounts' events",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
                int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 && index >= 1 && index <= count)
            {
                return new Core.Engine.HistoryPart(index, count);
            }

            result.AddError($"--part: '{text}' is not a part; write K/N with 1 <= K <= N, e.g. 1/4 (then 2/4, 3/4 and 4/4)");
            return null;
        },
    };
}
