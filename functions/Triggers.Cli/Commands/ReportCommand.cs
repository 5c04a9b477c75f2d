using System.CommandLine;
using System.Diagnostics;
using Triggers.Cli.Report;
using Triggers.Core.Analytics;
using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Cli.Commands;

/// <summary>
/// <c>triggers report</c>: replays the history and writes the journey map, one self-contained HTML file with a
/// segment switch. The replay is simulate's, so the map and the simulated actions always agree.
/// </summary>
internal static class ReportCommand
{
    private static readonly string[] DefaultSegments = ["plan", "industry", "company_size", "persona"];

    public static Command Create()
    {
        var playbooks = CliOptions.Playbooks();
        var events = CliOptions.Events();
        var until = CliOptions.Until();
        var lateness = CliOptions.AllowedLateness();
        var output = new Option<FileInfo>("--out") { Description = "Where to write the HTML journey map", Required = true };
        var journey = new Option<string?>("--journey") { Description = "The journey to draw (default: the one the playbooks' stages belong to most)" };
        var segments = new Option<string[]>("--segment")
        {
            Description = "A trait to split every figure by (repeatable; default: plan, industry, company_size, persona)",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("report", "Draw the customer journey map from event history as one HTML file")
        {
            playbooks, events, output, journey, segments, until, lateness,
        };
        command.SetAction(result => Run(result.GetValue(playbooks)!, result.GetValue(events)!.ToString(), result.GetValue(output)!.FullName,
            result.GetValue(journey), result.GetValue(segments) ?? [], result.GetValue(until), result.GetValue(lateness), Console.Error));
        return command;
    }

    public static int Run(string playbookDir, string eventsFile, string outputPath, string? journeyId, string[] segments, DateTimeOffset? until,
        TimeSpan lateness, TextWriter error)
    {
        var loaded = PlaybookFiles.Load(playbookDir, error);
        if (loaded is null)
        {
            return 1;
        }

        if (loaded.HasErrors)
        {
            DiagnosticPrinter.Print(loaded.Diagnostics, error);
            return 1;
        }

        if (!File.Exists(eventsFile))
        {
            error.WriteLine($"triggers: events file '{eventsFile}' does not exist");
            return 1;
        }

        var journey = Pick(loaded.Set, journeyId);
        if (journey is null)
        {
            error.WriteLine(loaded.Set.Journeys.Count == 0
                ? $"triggers: no journey files under {playbookDir} (add one under journeys/)"
                : $"triggers: no journey '{journeyId}'; the journeys are: {string.Join(", ", loaded.Set.Journeys.Select(j => j.Id))}");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var analyzer = new JourneyAnalyzer(loaded.Set, journey, segments.Length > 0 ? segments : DefaultSegments);
        var simulator = new Simulator(new CompiledPlaybooks(loaded.Set), new SimulationOptions { AllowedLateness = lateness, Until = until }, analyzer.Record)
        {
            EventObserver = analyzer.Observe,
        };
        using (var input = File.OpenRead(eventsFile))
        {
            Progress.Run(error, input, "replaying", tick => JsonLines.Read(input, (line, number) =>
            {
                simulator.Add(line, eventsFile, number);
                tick(simulator.Stats.Events);
            }));
        }

        simulator.Finish();
        var report = analyzer.Build(until);
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        File.WriteAllText(outputPath, JourneyMapHtml.Render(report));
        error.WriteLine($"journey map of '{journey.Id}' for {simulator.Stats.Accounts:N0} accounts ({simulator.Stats.Events:N0} events, " +
                        $"{report.Segments.Count - 1} segments) written to {outputPath} in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>The named journey, or the one whose stages the playbooks serve most (ties: alphabetical).</summary>
    private static Journey? Pick(PlaybookSet set, string? id) =>
        id is not null
            ? set.Journeys.FirstOrDefault(j => j.Id == id)
            : set.Journeys.OrderByDescending(j => set.Playbooks.Count(p => j.Stages.Any(s => s.Id == p.Stage)))
                .ThenBy(j => j.Id, StringComparer.Ordinal).FirstOrDefault();
}
