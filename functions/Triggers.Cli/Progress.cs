using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Triggers.Cli;

/// <summary>
/// Progress of a long replay on stderr: a Spectre.Console progress bar when stderr is a terminal, a plain line
/// every few seconds when it is a file or a pipe (so CI logs show the run is alive without a flood).
/// </summary>
internal static class Progress
{
    /// <summary>Runs <paramref name="work"/>, which reports the number of events read so far through the callback it is given.</summary>
    public static void Run(TextWriter error, Stream input, string what, Action<Action<long>> work)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(error, Console.Error))
        {
            Plain(error, input, what, work);
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var seekable = input.CanSeek;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                // A pipe has no length: the bar then pulses and the description counts the events instead.
                var task = context.AddTask(what, maxValue: seekable ? Math.Max(1, input.Length) : 1);
                task.IsIndeterminate = !seekable;
                work(events =>
                {
                    if ((events & 0x3FF) != 0)
                    {
                        return;
                    }

                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{what} {events:N0} events");
                    if (seekable)
                    {
                        task.Value = input.Position;
                    }
                });
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
            });
    }

    private static void Plain(TextWriter error, Stream input, string what, Action<Action<long>> work)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        work(events =>
        {
            if ((events & 0x3FFF) != 0 || clock.Elapsed - last < TimeSpan.FromSeconds(5))
            {
                return;
            }

            last = clock.Elapsed;
            var percent = input.CanSeek && input.Length > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({100.0 * input.Position / input.Length:F0}%)") : "";
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {events:N0} events{percent}, {events / clock.Elapsed.TotalSeconds:N0}/s"));
        });
    }
}
