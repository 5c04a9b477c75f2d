using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace Triggers.Cli.Generate;

/// <summary>
/// <c>triggers generate</c>: a seeded, realistic event history (three personas) for samples, demos and benchmarks.
/// The same options always give the same bytes. The file is written as it is generated, so a history of millions
/// of events needs little memory.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var accounts = new Option<int>("--accounts") { HelpName = "N", Description = "Number of accounts", DefaultValueFactory = _ => 300 };
        var months = new Option<int>("--months") { HelpName = "N", Description = "Length of the history in months", DefaultValueFactory = _ => 6 };
        var start = new Option<DateTimeOffset?>("--start")
        {
            HelpName = "DATE",
            Description = "First day (UTC), e.g. 2026-03-01 (default 2026-01-01)",
            // UTC whatever the machine's time zone: the same options must give the same bytes everywhere.
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (CliOptions.TryParseIsoTime(text, out var time))
                {
                    return time;
                }

                result.AddError($"--start: '{text}' is not a date; write ISO 8601 such as 2026-01-01");
                return default;
            },
        };
        var seed = new Option<int>("--seed") { HelpName = "N", Description = "Random seed: the same seed gives the same file", DefaultValueFactory = _ => 42 };
        var events = new Option<long?>("--events") { HelpName = "N", Description = "Aim for about this many events in all (scales the activity per account)" };
        var output = new Option<FileInfo>("--out") { HelpName = "FILE", Description = "Where to write the JSON Lines file ('-' writes it to standard output)", Required = true };
        var command = new Command("generate", "Generate a realistic, seeded event history (CloudEvents JSON Lines)")
        {
            accounts, months, start, seed, events, output,
        };
        command.SetAction(result => Run(
            new GenerateOptions(result.GetValue(accounts), result.GetValue(months), result.GetValue(start) ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), result.GetValue(seed), result.GetValue(events)),
            result.GetValue(output)!.ToString() is "-" ? "-" : result.GetValue(output)!.FullName, Console.Error));
        return command;
    }

    public static int Run(GenerateOptions options, string path, TextWriter error)
    {
        var tooSmall = new (string Name, long? Value)[] { ("--accounts", options.Accounts), ("--months", options.Months), ("--events", options.Events) }
            .Where(o => o.Value < 1).ToList();
        if (tooSmall.Count > 0)
        {
            foreach (var (name, value) in tooSmall)
            {
                error.WriteLine($"triggers: {name}: {value} is too small; it must be at least 1");
            }

            error.WriteLine("see 'triggers generate --help'");
            return 1;
        }

        // Checked before --out is touched: a history ending after 9999-12-31 has times no timestamp can write.
        if ((options.Start.Year * 12L) + options.Start.Month - 1 + options.Months > (9999 * 12L) + 11)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"triggers: --months: {options.Months:N0} months from {options.Start:yyyy-MM-dd} run past the last date there is (9999-12-31); give fewer months or an earlier --start"));
            error.WriteLine("see 'triggers generate --help'");
            return 1;
        }

        if (Directory.Exists(path))
        {
            error.WriteLine($"triggers: '{path}' is a directory; --out takes the file to write, e.g. {Path.Combine(path, "events.jsonl")}");
            return 1;
        }

        if (path != "-" && OutputPath.FileInTheWay(path) is { } blocked)
        {
            error.WriteLine($"triggers: the history could not be written: {blocked}");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        long lines;
        try
        {
            if (path != "-" && Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                error.WriteLine($"created the folder {folder} for the history");
            }

            // '-' is standard output, as --events - is standard input, so a history can be piped straight into a replay.
            if (path == "-")
            {
                using var stdout = new BufferedStream(StandardStreams.OpenOutput(), 1 << 20);
                lines = Write(options, stdout, Reporter(options, clock, error));
            }
            else
            {
                using var file = new ReplacedFile(path);
                lines = Write(options, file.Stream, Reporter(options, clock, error));
                file.Commit();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"triggers: the history could not be written to '{path}': {e.Message}");
            return 1;
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {lines:N0} events for {options.Accounts:N0} accounts over {options.Months} months to {(path == "-" ? "standard output" : path)} in {clock.Elapsed.TotalSeconds:F1} s"));
        if (options.Events is { } target && lines > 2 * target)
        {
            // The activity per account scales down only so far: every account still signs up and has its first weeks.
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"note: --events {target:N0} is below what {options.Accounts:N0} accounts make at the lowest activity (about {lines / options.Accounts:N0} each); for a smaller file, ask for fewer --accounts"));
        }
        else if (options.Events is { } wanted && 2 * lines < wanted)
        {
            // The activity per account scales up only so far too: past it, more events mean more accounts or months.
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"note: --events {wanted:N0} is above what {options.Accounts:N0} accounts make over {options.Months} months at the highest activity (about {lines / options.Accounts:N0} each); for a larger file, ask for more --accounts or --months"));
        }

        return 0;
    }

    /// <summary>Writes the history to <paramref name="output"/>; <paramref name="progress"/> hears (events so far, their time) now and then.</summary>
    public static long Write(GenerateOptions options, Stream output, Action<long, long>? progress = null)
    {
        var intensity = options.Events is { } target ? EventTarget.Intensity(options, target) : 1.0;
        using var writer = new HistoryWriter(output, options.Seed);
        new HistoryGenerator(options, intensity).Run(e =>
        {
            writer.Write(e);
            if ((writer.Lines & 0x3FFF) == 0)
            {
                progress?.Invoke(writer.Lines, e.Time);
            }
        });
        return writer.Lines;
    }

    /// <summary>A line on stderr every few seconds, so a large run shows it is alive; small runs stay quiet.</summary>
    private static Action<long, long> Reporter(GenerateOptions options, Stopwatch clock, TextWriter error)
    {
        var last = TimeSpan.Zero;
        var span = options.Start.AddMonths(options.Months).UtcTicks - options.Start.UtcTicks;
        return (lines, time) =>
        {
            if (clock.Elapsed - last < TimeSpan.FromSeconds(3))
            {
                return;
            }

            last = clock.Elapsed;
            var done = Math.Clamp((double)(time - options.Start.UtcTicks) / span, 0, 1);
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generating: {lines:N0} events, up to {new DateTime(time, DateTimeKind.Utc):yyyy-MM-dd} ({done * 100:F0}% of the history), {lines / clock.Elapsed.TotalSeconds:N0}/s"));
        };
    }
}
