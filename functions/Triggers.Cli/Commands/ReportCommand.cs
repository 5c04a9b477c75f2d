using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Triggers.Cli.Report;
using Triggers.Core.Analytics;
using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Cli.Commands;

/// <summary>
/// <c>triggers report</c>: replays the history and writes the journey map, one self-contained HTML file with a
/// segment switch. The replay is simulate's (same simulator, same options), so the map and the simulated actions
/// always agree.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The firmographic traits DESIGN names (plan, company size, industry, region) and persona, as the samples and most CRMs carry them; those absent from the data are left out.</summary>
    public static readonly IReadOnlyList<string> DefaultSegments = ["plan", "industry", "company_size", "region", "persona"];

    public static Command Create()
    {
        var playbooks = CliOptions.Playbooks();
        var events = CliOptions.Events();
        var until = CliOptions.Until();
        var lateness = CliOptions.AllowedLateness();
        var output = new Option<FileInfo>("--out") { HelpName = "FILE", Description = "Where to write the HTML journey map (a missing folder is made; '-' writes it to standard output)", Required = true };
        var journey = new Option<string?>("--journey") { HelpName = "ID", Description = "The journey to draw (default: the one whose stages most playbooks serve)" };
        var segments = new Option<string[]>("--segment")
        {
            HelpName = "TRAIT",
            Description = "An account trait to split every figure by; repeat for more (default: plan, industry, company_size, region, persona)",
            AllowMultipleArgumentsPerToken = false,
        };
        // As --account in explain: an empty trait (an unset variable: --segment "$TRAIT") is a usage mistake, not a trait.
        segments.Validators.Add(r =>
        {
            if ((r.GetValueOrDefault<string[]>() ?? []).Any(string.IsNullOrWhiteSpace))
            {
                r.AddError("--segment: the trait is empty; give the name of an account trait, such as plan");
            }
        });
        var command = new Command("report", "Draw the customer journey map from event history as one self-contained HTML file")
        {
            playbooks, events, output, journey, segments, until, lateness,
        };
        command.SetAction(result => Run(new Request(result.PlaybooksOrDefault(playbooks), result.GetValue(events)!.ToString(),
            result.GetValue(output)!.ToString() is "-" ? "-" : result.GetValue(output)!.FullName,
            result.GetValue(journey), [.. (result.GetValue(segments) ?? []).Distinct(StringComparer.Ordinal)], result.GetValue(until), result.GetValue(lateness) ?? TimeSpan.Zero), Console.Error));
        return command;
    }

    public sealed record Request(string Playbooks, string Events, string Out, string? Journey, IReadOnlyList<string> Segments, DateTimeOffset? Until,
        TimeSpan AllowedLateness);

    public static int Run(Request request, TextWriter error)
    {
        var loaded = PlaybookFiles.Load(request.Playbooks, error);
        if (loaded is null)
        {
            return 1;
        }

        if (loaded.PlaybooksHaveErrors) // test files are never used here, so their errors are left to validate and test
        {
            DiagnosticPrinter.Print(loaded.PlaybookDiagnostics, error);
            error.WriteLine("report not drawn: fix the errors above first (triggers validate)");
            return 1;
        }

        if (HistoryInput.Unreadable(request.Events, error))
        {
            return 1;
        }

        // Where the map goes is checked before the replay, not after a long one.
        var toStdout = request.Out == "-";
        if (!toStdout && Directory.Exists(request.Out))
        {
            error.WriteLine($"triggers: '{request.Out}' is a directory; --out takes the HTML file to write, e.g. {Path.Combine(request.Out, "journey.html")}");
            return 1;
        }

        // The map is written after the replay has read the history: an --out that names the history would replace it,
        // however the two paths are spelt (a link, a hard link), and so would one that names a history or a playbook
        // given some other way (piped in on --events -).
        if (!toStdout && File.Exists(request.Out))
        {
            if (request.Events != "-" && (string.Equals(Path.GetFullPath(request.Events), Path.GetFullPath(request.Out), StringComparison.Ordinal) ||
                                          FileKind.Identity(request.Events) is { } history && FileKind.Identity(request.Out) == history))
            {
                error.WriteLine($"triggers: --out '{request.Out}' is the events file; writing the journey map there would replace the history (give another file, e.g. journey.html)");
                return 1;
            }

            var data = Path.GetExtension(request.Out).ToLowerInvariant();
            if (data is ".jsonl" or ".ndjson" or ".json" or ".gz" or ".yaml" or ".yml" or ".csv")
            {
                error.WriteLine($"triggers: --out '{request.Out}' is a {data} file that exists; the journey map is HTML and would replace it (give an .html file, e.g. journey.html)");
                return 1;
            }
        }

        if (!toStdout && OutputPath.FileInTheWay(request.Out) is { } blocked)
        {
            error.WriteLine($"triggers: the journey map could not be written: {blocked}");
            return 1;
        }

        if (!toStdout && !Writable(request.Out, error))
        {
            return 1;
        }

        var journey = Pick(loaded.Set, request.Journey);
        if (journey is null)
        {
            error.WriteLine(loaded.Set.Journeys.Count == 0
                ? $"triggers: no journey files under '{request.Playbooks}' (add one under journeys/)"
                : $"triggers: no journey '{request.Journey}'; the journeys are: {string.Join(", ", loaded.Set.Journeys.Select(j => j.Id).Order(StringComparer.Ordinal))}");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var analyzer = new JourneyAnalyzer(loaded.Set, journey, request.Segments.Count > 0 ? request.Segments : DefaultSegments);
        var options = new SimulationOptions { AllowedLateness = request.AllowedLateness, Until = request.Until };
        var simulator = new Simulator(new CompiledPlaybooks(loaded.Set), options, analyzer.Record) { EventObserver = analyzer.Observe, AccountReplayed = analyzer.Replayed };
        HistoryInput.Feed(simulator, request.Events, error, "replaying");

        // Reading is the short part of a long history: the replay itself would otherwise run for many seconds without a word.
        simulator.Replaying = SimulateCommand.Replaying(error);
        simulator.Finish();
        var replayed = clock.Elapsed;
        var report = analyzer.Build(request.Until);
        try
        {
            if (toStdout)
            {
                // As generate --out -: for a pipe to a web server or a mail, no file in between.
                using var stdout = StandardStreams.OpenOutput();
                stdout.Write(System.Text.Encoding.UTF8.GetBytes(JourneyMapHtml.Render(report)));
            }
            else
            {
                using var file = new ReplacedFile(request.Out);
                file.Stream.Write(System.Text.Encoding.UTF8.GetBytes(JourneyMapHtml.Render(report)));
                file.Commit();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(CannotWrite(request.Out, e));
            return 1;
        }

        clock.Stop();
        foreach (var missing in request.Segments.Except(report.SegmentTraits, StringComparer.Ordinal))
        {
            error.WriteLine($"warning: --segment {missing}: no account has that trait, so the map is not split by it");
        }

        if (HistoryInput.AllRejected(simulator.Stats, request.Events) is { } rejected)
        {
            error.WriteLine(rejected);
        }
        else if (EmptyMap(report, request.Events, loaded.Set, request.Until, simulator.Stats.AfterUntil) is { } empty)
        {
            error.WriteLine(empty);
        }

        error.WriteLine(Summary(report, simulator.Stats, toStdout ? "standard output" : request.Out, replayed, clock.Elapsed));
        return 0;
    }

    /// <summary>
    /// Why the map drawn has nothing in it, or null: an empty history, or one in which no account entered any stage of
    /// the journey (often the wrong --journey for this history). Still written, and exit 0: an empty map is a true
    /// picture; but a script that mails it on should not do so without a word. A history whose events all come after
    /// --until is not empty: the --until is the likelier mistake then, and the warning names it (as explain does).
    /// </summary>
    internal static string? EmptyMap(JourneyReport report, string events, PlaybookSet set, DateTimeOffset? until = null, long afterUntil = 0)
    {
        var source = events == "-" ? "standard input" : events;
        if (report.Events == 0 && until is { } end && afterUntil > 0)
        {
            return $"warning: every event in {source} comes after --until {OutcomeJson.Format(end)} ({Counted.Of(afterUntil, "event")}), so the journey map is empty";
        }

        if (report.Events == 0)
        {
            return $"warning: {source} holds no events, so the journey map is empty";
        }

        if (report.Segments.Count > 0 && report.Segments[0].Stages.Any(s => s.Entered > 0))
        {
            return null;
        }

        var others = set.Journeys.Select(j => j.Id).Where(id => id != report.JourneyId).Order(StringComparer.Ordinal).ToList();
        return $"warning: no account entered a stage of journey '{report.JourneyId}' in this history, so its map is empty" +
               (others.Count == 0 ? "" : $"; the other journeys are: {string.Join(", ", others)} (--journey)");
    }

    private static string CannotWrite(string path, Exception e) => $"triggers: the journey map could not be written to '{path}': {e.Message}";

    /// <summary>
    /// Makes the folder <paramref name="path"/> goes in, saying so when it did not exist (a typo in the path would
    /// otherwise leave new folders behind without a word), or says why it cannot be made.
    /// </summary>
    private static bool Writable(string path, TextWriter error)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                error.WriteLine($"created the folder {folder} for the journey map");
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(CannotWrite(path, e));
            return false;
        }
    }

    /// <summary>The named journey, or the one whose stage ids most playbooks' <c>stage:</c> name (ties: alphabetical).</summary>
    internal static Journey? Pick(PlaybookSet set, string? id) =>
        id is not null
            ? set.Journeys.FirstOrDefault(j => j.Id == id)
            : set.Journeys.OrderByDescending(j => set.Playbooks.Count(p => j.Stages.Any(s => s.Id == p.Stage)))
                .ThenBy(j => j.Id, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>
    /// The lines read that the map does not count besides rejected and late ones, when there are any: the page counts
    /// only the events replayed, and without these the two numbers would differ with no reason given.
    /// </summary>
    private static string Left(SimulationStats stats) =>
        (stats.Duplicates > 0 ? $", {Counted.Of(stats.Duplicates, "duplicate")} ignored" : "") +
        (stats.AfterUntil > 0 ? string.Create(CultureInfo.InvariantCulture, $", {stats.AfterUntil:N0} after --until") : "");

    /// <summary>CSAT and NPS answers the map left out for a score off their scale, when there are any: the page says so too.</summary>
    private static string OffScale(JourneyReport report)
    {
        var stages = report.Segments.Count > 0 ? report.Segments[0].Stages : [];
        var (csat, nps) = (stages.Sum(s => s.Sentiment.CsatOffScale), stages.Sum(s => s.Sentiment.NpsOffScale));
        return csat + nps == 0 ? "" : $"{StageTables.OffScale(csat, nps)} with a score outside the scale or no number ({Sentiment.Scales}) left out; ";
    }

    internal static string Summary(JourneyReport report, SimulationStats stats, string path, TimeSpan replay, TimeSpan total)
    {
        var traits = report.SegmentTraits.Count == 0 ? "no trait any account has" : string.Join(", ", report.SegmentTraits);
        return string.Create(CultureInfo.InvariantCulture,
            $"journey map of '{report.JourneyId}': {Counted.Of(stats.Events, "event")} ({stats.Rejected:N0} rejected, {stats.Late:N0} late{Left(stats)}) over {Counted.Of(stats.Accounts, "account")}; " +
            $"{Counted.Of(report.Segments.Count - 1, "segment")} by {traits}; {OffScale(report)}written to {path} in {total.TotalSeconds:F1} s " +
            $"(replay {replay.TotalSeconds:F1} s, map {(total - replay).TotalSeconds:F1} s)");
    }
}
