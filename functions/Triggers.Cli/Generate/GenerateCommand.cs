using System.CommandLine;
using System.Diagnostics;

namespace Triggers.Cli.Generate;

/// <summary>
/// <c>triggers generate</c>: a seeded, realistic event history (three personas) for samples, demos and benchmarks.
/// The same options always give the same bytes.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var accounts = new Option<int>("--accounts") { Description = "Number of accounts", DefaultValueFactory = _ => 300 };
        var months = new Option<int>("--months") { Description = "Length of the history in months", DefaultValueFactory = _ => 6 };
        var start = new Option<DateTimeOffset>("--start")
        {
            Description = "First day (UTC)", DefaultValueFactory = _ => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same file", DefaultValueFactory = _ => 42 };
        var events = new Option<long?>("--events") { Description = "Aim for about this many events in all (scales activity per account)" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the JSON Lines file", Required = true };
        var command = new Command("generate", "Generate a realistic, seeded event history (CloudEvents JSON Lines)")
        {
            accounts, months, start, seed, events, output,
        };
        command.SetAction(result => Run(
            new GenerateOptions(result.GetValue(accounts), result.GetValue(months), result.GetValue(start).ToUniversalTime(), result.GetValue(seed), result.GetValue(events)),
            result.GetValue(output)!.FullName, Console.Error));
        return command;
    }

    public static int Run(GenerateOptions options, string path, TextWriter error)
    {
        if (options.Accounts < 1 || options.Months < 1)
        {
            error.WriteLine("triggers: --accounts and --months must be at least 1");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var intensity = options.Events is { } target ? Intensity(options, target) : 1.0;
        var history = new HistoryGenerator(options).Generate(intensity);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long written;
        using (var file = new BufferedStream(File.Create(path), 1 << 20))
        {
            written = HistoryWriter.Write(history, file, options.Seed);
        }

        error.WriteLine($"wrote {written:N0} events for {options.Accounts:N0} accounts over {options.Months} months to {path} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>
    /// Activity per account that lands near the wanted total: a pilot of a few hundred accounts measures the fixed
    /// events per account (traits, subscription, invites) and those that scale with activity.
    /// </summary>
    private static double Intensity(GenerateOptions options, long target)
    {
        var pilot = options with { Accounts = Math.Min(options.Accounts, 300) };
        double PerAccount(double intensity) => new HistoryGenerator(pilot).Generate(intensity).Count / (double)pilot.Accounts;
        var wanted = target / (double)options.Accounts;
        // A few secant steps: events grow with intensity, but not quite linearly (invites saturate).
        double low = 0, lowCount = PerAccount(0), high = 1, highCount = PerAccount(1);
        for (var step = 0; step < 4 && Math.Abs(highCount - lowCount) > 1e-9; step++)
        {
            var next = Math.Clamp(high + (wanted - highCount) * (high - low) / (highCount - lowCount), 0, 50);
            (low, lowCount, high, highCount) = (high, highCount, next, PerAccount(next));
        }

        return high;
    }
}
